// What a lab gives the shell. The shell (this folder) is what every lab shares: the
// connection, playback, the training settings, curves, "Inside the network", the loss
// landscape, comparisons, lessons, sharing and session files. A lab (labs/<lab>/) brings
// its own settings rows, lessons and views, and reads its own part of each frame; the
// shell knows a lab only through this interface, and labs/index.ts lists them.

import type { ClientMessage } from "../protocol/client";
import type { DecodedBinary } from "../protocol/codec";
import type { Subscribe } from "../protocol/messages";
import type { Comparable } from "./compare/plan";
import type { Lesson } from "./lessons";
import type { Setting, Value } from "./settings";
import type { AppState, FrameReader, FrameView } from "./state";
import type { LayerDetail } from "./views/insideView";

/** A lab whose frames carry `F` besides the shell's part, and whose data message reads as `D`. */
export interface Lab<F extends object, D> extends FrameReader<F, D> {
  /** Its name in the address: ?lab=points. */
  readonly name: string;
  /** The shared settings its sessions start with (generated LAB_PRESETS): the defaults
   *  of its page. */
  readonly preset: Readonly<Record<string, Value>>;
  /** Its rows of the settings table; the shell adds its own (shell/settings.ts). */
  readonly settings: readonly Setting[];
  /** The parts of its page that `hide=` can remove, besides single settings. */
  readonly sections: readonly string[];
  /** Its guided lessons, in order. */
  readonly lessons: readonly Lesson[];
  /** The settings worth comparing side by side ("Compare…"), the first offered first. */
  readonly comparable: readonly Comparable[];
  /** Selectors of its page's parts that change the session, locked on a view link's page
   *  (the panels of its session settings are locked anyway). */
  readonly sessionControls: readonly string[];
  /** What the footer says of its views, after the shell's keys. */
  readonly help: string;
  /** What each parameter layer is, beside its number in "Inside the network". */
  readonly layerDetail: LayerDetail;
  /** Build its views into the lab page. */
  mount(page: LabPage): LabViews<F, D>;
  /** Its part of the comparison page. */
  readonly variants: Variants<F, D>;
}

/** What a lab's views read of the session when they draw. */
export type Session<F extends object, D> = Readonly<Pick<AppState<F, D>, "config" | "problem" | "classes" | "frame" | "data" | "playing" | "revision">>;

/** Where a lab's views go on the lab page, and what they may do. */
export interface LabPage {
  /** The page's <main>, empty: the lab lays out its views there. */
  root: HTMLElement;
  /** The shell's read-outs, for the lab to place among its views: the losses and
   *  accuracies, and the curves (null when the address hides them). */
  metrics: HTMLElement;
  curves: HTMLElement | null;
  /** The settings and sections the address hides (?hide=). */
  hidden: ReadonlySet<string>;
  /** Send a request to the session; returns its id (an answer's reply_to), or null when offline. */
  send(message: ClientMessage): number | null;
}

/** A lab's views on the lab page, as the shell drives them. */
export interface LabViews<F extends object, D> {
  /** What the frames must carry for these views; `statistics`: the shell's "Inside the
   *  network" is shown, which needs the per-layer statistics. */
  subscription(statistics: boolean): Subscribe;
  /** Draw the newest state; `view` holds this page's view settings, `compiling` says a
   *  change has waited for its frame long enough to say so. */
  render(session: Session<F, D>, view: ReadonlyMap<string, Value>, compiling: boolean): void;
  /** Whether it uses the playback keys (Space, →) itself just now. */
  readonly usesPlaybackKeys: boolean;
  /** A binary message the shell does not read itself (an answer to the lab's own request). */
  receive(message: DecodedBinary): void;
  /** The server refused a request (the error's reply_to) for the reason `message`. True:
   *  the lab shows the reason itself (a question of its own, answered in its panel), so
   *  the page's notices need not; otherwise they show it. */
  refused(replyTo: number | null | undefined, message: string): boolean | void;
  /** The socket was replaced: what was asked on the old one will never be answered. */
  reconnected(): void;
  /** A lesson's settings were just applied and the session reset (paused): leave any mode
   *  of the lab's own, or enter the one the lesson opens in. */
  startLesson(lesson: Lesson): void;
}

/** A lab's part of the comparison page: one view per variant. */
export interface Variants<F extends object, D> {
  /** The heading over the variants' views. */
  readonly title: string;
  /** What each variant's frames must carry, for its view and for `start`. */
  readonly subscription: Subscribe;
  /** Build one variant's view (named `label`) into `container`. */
  mount(container: HTMLElement, label: string): { render(session: Session<F, D>): void };
  /** What two sessions that start alike share, once they are at step 0: their data's
   *  arrays and their parameters' (null: not in the message). */
  start(frame: FrameView<F>, data: D): { data: readonly (ArrayLike<number> | null)[]; parameters: readonly (ArrayLike<number> | null)[] };
}
