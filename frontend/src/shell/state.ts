// The app's state, fed by server messages and read by the views when they redraw.
// Nothing here touches the DOM, so all of it can be tested without a browser.

import { readArray, type DecodedBinary, type DecodedData, type DecodedFrame, type DecodedHistory, type NameOfDtype } from "../protocol/codec";
import type { ArrayName } from "../protocol/constants";
import type { FrameHeader, State } from "../protocol/messages";
import { SampledHistory } from "./history";
import { GradientNormHistory, type HistogramKind } from "./layers";
import type { Config, Problem } from "./settings";

export const CURVES = ["train_loss", "test_loss", "train_accuracy", "test_accuracy"] as const satisfies readonly ArrayName<"history">[];
export type Curve = (typeof CURVES)[number];

/** The loss and accuracy curves, by name (see SampledHistory for how they are kept). */
export class CurveHistory extends SampledHistory {
  constructor(capacity?: number) {
    super(CURVES.length, capacity);
  }

  get series(): Record<Curve, (number | null)[]> {
    return Object.fromEntries(CURVES.map((c, i) => [c, this.columns[i]!])) as Record<Curve, (number | null)[]>;
  }

  append(step: number, values: Partial<Record<Curve, number | null>>): void {
    this.record(step, CURVES.map((c) => values[c]));
  }

  /** Replace everything with the server's record (on connecting and after a reset). */
  replace(steps: ArrayLike<number>, columns: Partial<Record<Curve, ArrayLike<number>>>): void {
    this.load(steps, CURVES.map((c) => columns[c]));
  }
}

/** The last run's loss curves, kept (greyed in the chart) when a new run starts. */
export interface PreviousRun {
  steps: number[];
  trainLoss: (number | null)[];
  testLoss: (number | null)[];
}

/** What every lab's frame carries for the shell: the header (step, losses, layer sizes...)
 *  and the per-layer statistics of "Inside the network". */
export interface SharedFrame {
  header: FrameHeader;
  /** Per-layer statistics, (layers, STAT_COLUMNS); see layers.ts. */
  layerStats: Float32Array | null;
  /** Per-layer histograms, each (layers, bins); present only all together. */
  histograms: Record<HistogramKind, Float32Array> | null;
}

/** The latest frame as the views need it (views into the received buffer): the shell's
 *  part, and the lab's (`F`, read by the lab: see FrameReader). */
export type FrameView<F> = SharedFrame & F;

/** How a lab reads its part of a frame, and the data message (its points, images...). */
export interface FrameReader<F extends object, D> {
  readFrame(frame: DecodedFrame): F;
  readData(data: DecodedData): D;
}

export function sharedFrame(frame: DecodedFrame): SharedFrame {
  const float = (name: NameOfDtype<"frame", "float32">): Float32Array | null => readArray(frame, name)?.values ?? null;
  const [weights, gradients, activations] = [float("weight_hist"), float("grad_hist"), float("activation_hist")];
  return {
    header: frame.header,
    layerStats: float("layer_stats"),
    histograms: weights !== null && gradients !== null && activations !== null ? { weights, gradients, activations } : null,
  };
}

function historyColumns(history: DecodedHistory): [ArrayLike<number>, Partial<Record<Curve, ArrayLike<number>>>] {
  const column = (name: ArrayName<"history">): Float32Array | undefined => readArray(history, name)?.values;
  const columns: Partial<Record<Curve, ArrayLike<number>>> = {};
  for (const curve of CURVES) {
    const values = column(curve);
    if (values !== undefined) columns[curve] = values;
  }
  return [column("step") ?? [], columns];
}

/**
 * Optimizer steps per second actually achieved, from the frames' step counters over
 * about the last second. (The header's updates_per_s is the server's compute rate while
 * it works, which at a slow chosen speed is far above the real pace.)
 */
export class RateMeter {
  private readonly samples: [time: number, step: number][] = [];
  rate = 0;

  /** A frame's time and step; `running` is false while the session is paused. */
  add(time: number, step: number, running: boolean): void {
    const last = this.samples.at(-1);
    if (!running || (last !== undefined && step < last[1])) this.samples.length = 0; // paused, or a reset
    this.samples.push([time, step]);
    while (this.samples.length > 2 && time - this.samples[1]![0] >= 1000) this.samples.shift();
    const [t0, s0] = this.samples[0]!;
    this.rate = time > t0 ? ((step - s0) * 1000) / (time - t0) : 0;
  }
}

/** How long a change may take before the page says it is compiling. */
export const COMPILING_AFTER_MS = 150;

/** One session as this page knows it; `F` and `D` are the lab's parts of frame and data. */
export class AppState<F extends object, D> {
  sessionId: string | null = null;
  config: Config | null = null;
  revision = 0;
  playing = false;
  problem: Problem = "binary";
  classes = 2;
  frame: FrameView<F> | null = null;
  data: D | null = null;
  readonly history: CurveHistory;
  readonly gradientNorms: GradientNormHistory;
  readonly speed = new RateMeter();
  /** The run before the current one, when a change of data or problem started a new run. */
  previousRun: PreviousRun | null = null;
  /** When the session's revision first ran ahead of the frames, or null when they agree. */
  behindSince: number | null = null;
  /** Whether a `state` message arrived since the last frame (see applyFrame). */
  private stateSinceFrame = false;

  constructor(
    private readonly lab: FrameReader<F, D>,
    historyCapacity?: number,
  ) {
    this.history = new CurveHistory(historyCapacity);
    this.gradientNorms = new GradientNormHistory(historyCapacity);
  }

  applyHello(sessionId: string): void {
    if (sessionId !== this.sessionId) {
      // A new session (the old one expired while we were away): nothing carries over.
      this.sessionId = sessionId;
      this.frame = null;
      this.data = null;
      this.revision = 0;
      this.behindSince = null;
      this.history.clear();
      this.gradientNorms.clear();
      this.previousRun = null;
    }
  }

  applyState(message: State, now: number): void {
    this.config = message.config as Config;
    this.revision = message.revision;
    this.playing = message.playing;
    this.problem = message.problem;
    this.classes = message.classes;
    this.stateSinceFrame = true;
    if (this.frame !== null && this.frame.header.revision < message.revision) this.behindSince ??= now;
  }

  /**
   * A frame's `playing` is trusted only if no `state` came since the previous frame:
   * the server may already have encoded one more frame when it handles a pause, and
   * that frame arrives after the `state` reply; believing it would show "Pause" on a
   * paused session with no later frame to correct it.
   */
  applyFrame(frame: DecodedFrame, now = 0): void {
    const view: FrameView<F> = { ...this.lab.readFrame(frame), ...sharedFrame(frame) };
    const h = view.header;
    if (!this.stateSinceFrame) this.playing = h.playing;
    this.stateSinceFrame = false;
    this.frame = view;
    if (h.revision >= this.revision) this.behindSince = null;
    this.history.append(h.step, h);
    this.gradientNorms.append(view);
    this.speed.add(now, h.step, h.playing);
  }

  applyBinary(message: DecodedBinary, now: number): void {
    if (message.kind === "frame") this.applyFrame(message, now);
    else if (message.kind === "data") this.data = this.lab.readData(message);
    else if (message.kind === "history") {
      // A new run (the server says why): the curves so far become the last run's.
      if (message.header.new_run && this.history.length > 1) {
        const { train_loss, test_loss } = this.history.series;
        this.previousRun = { steps: [...this.history.steps], trainLoss: [...train_loss], testLoss: [...test_loss] };
      }
      this.history.replace(...historyColumns(message));
    }
  }

  /** Whether a change has been waiting for a frame long enough to say so. */
  compiling(now: number): boolean {
    return this.behindSince !== null && now - this.behindSince > COMPILING_AFTER_MS;
  }
}
