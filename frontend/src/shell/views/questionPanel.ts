// A lab's step-through panel (the sequences lab's step of a cell, the images lab's
// convolution): it asks the server one question at a time about what the user picked
// (shell/asking.ts) and shows the answer, or the server's refusal of it, in place. A lab's
// panel adds its controls and its drawing of the answer; its numbers count from 1, as the
// page's other views count layers and steps, while the server counts from 0.

// The panels wear the 2D lab's step-through frame (.step-panel, .step-head, .step-hint).
import "../../labs/points/views/stepThrough.css";
import "./questionPanel.css";

import { Asker } from "../asking";
import { button, h, labelFor, setText } from "./dom";

/** What a panel reads of the newest frame to know when to ask again. */
export interface QuestionMoment {
  /** The newest frame's training step and revision. */
  step: number;
  revision: number;
  playing: boolean;
  /** Whether the frame's network is the session's newest: the server checks a question
   *  against the newest settings, so none is asked while a new network compiles. */
  current: boolean;
}

/** A number input counting from 1, which reports its value counting from 0. */
export function counter(change: (value: number) => void): HTMLInputElement {
  const input = h("input", { type: "number", min: 1, step: 1, class: "step-number" });
  input.addEventListener("change", () => {
    const value = Math.round(Number(input.value));
    if (Number.isFinite(value) && value >= 1) change(value - 1);
  });
  return input;
}

export const field = (text: string, control: HTMLElement): HTMLElement => h("span", { class: "step-field" }, labelFor(text, control), control);

/** Show `value` in a control unless the user is typing in it. */
export function show(control: HTMLInputElement | HTMLSelectElement, value: string): void {
  if (control.value !== value && document.activeElement !== control) control.value = value;
}

export interface PanelNames {
  /** The panel's id; its parts' ids start with `prefix` (prefix-status, -error, -body). */
  id: string;
  prefix: string;
  /** A class beside .step-panel, for the lab's own styles. */
  kind: string;
  title: string;
  toggle: string;
}

/** A panel of picks P whose answers M the lab reads as E. */
export abstract class QuestionPanel<P extends object, M extends { header: { reply_to?: number | null } }, E> {
  readonly toggle: HTMLButtonElement;
  protected readonly panel: HTMLElement;
  protected readonly status: HTMLElement;
  protected readonly error: HTMLElement;
  protected readonly body: HTMLElement;
  protected readonly asker = new Asker(() => this.ask());
  protected explanation: E | null = null;
  /** The network's shape the pick was last kept within, as a key. */
  protected shape = "";

  constructor(
    names: PanelNames,
    protected pick: P,
    private readonly opened: (open: boolean) => void = () => undefined,
  ) {
    this.panel = h("section", { class: `step-panel ${names.kind}`, id: names.id, "aria-label": names.title, hidden: true });
    this.status = h("p", { class: "step-hint", id: `${names.prefix}-status`, role: "status" });
    this.error = h("p", { class: "step-error", id: `${names.prefix}-error`, role: "alert", hidden: true });
    this.body = h("div", { class: "step-body", id: `${names.prefix}-body` });
    this.toggle = button(names.toggle, () => (this.panel.hidden ? this.open() : this.close()), { class: "step-toggle", "aria-pressed": "false", "aria-controls": names.id });
    this.panel.append(h("header", { class: "step-head" }, h("h3", { class: "step-title" }, names.title), button("Close", () => this.close())));
  }

  /** Send the question the pick asks now; its id, or null when there is none to ask. */
  protected abstract ask(): number | null;
  /** Read an answer to one of this panel's questions. */
  protected abstract read(message: M): E;
  /** Draw the pick and the answer, and ask again if it is time to. */
  protected abstract update(): void;

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  /** Open the panel, on `pick` where given (a clicked cell of a view). */
  open(pick?: P): void {
    if (pick !== undefined) this.pick = pick;
    this.error.hidden = true;
    if (this.panel.hidden) {
      this.panel.hidden = false;
      this.toggle.setAttribute("aria-pressed", "true");
      this.opened(true);
      this.panel.scrollIntoView?.({ block: "nearest" });
    }
    this.update();
  }

  close(): void {
    this.panel.hidden = true;
    this.toggle.setAttribute("aria-pressed", "false");
    this.opened(false);
    this.asker.reset();
  }

  receive(message: M): void {
    if (!this.asker.answered(message.header.reply_to) || this.panel.hidden) return;
    this.explanation = this.read(message);
    this.error.hidden = true;
    this.update();
  }

  /** A refusal of our question is shown here (true), the pick and the last answer kept. */
  refused(replyTo: number | null | undefined, message: string): boolean {
    if (!this.asker.refused(replyTo)) return false;
    setText(this.error, `The server could not answer: ${message}`);
    this.error.hidden = false;
    return true;
  }

  reconnected(): void {
    this.asker.reconnected();
  }

  /** The user changed the pick in the panel: a new question, the last refusal gone. */
  protected change(changes: Partial<P>): void {
    this.pick = { ...this.pick, ...changes };
    this.error.hidden = true;
    this.update();
  }

  /** Say what the answer shows (`answered`, once there is one), or what it waits for. */
  protected showStatus(moment: QuestionMoment | null, answered: (e: E) => string): void {
    const e = this.explanation;
    setText(this.status, e !== null ? answered(e) : moment === null || !moment.current ? "Waiting for the network's frames…" : "Asking the engine…");
  }

  /** Ask again if it is time to, for `question` (a key of what the pick asks). */
  protected askAt(moment: QuestionMoment | null, question: string): void {
    if (moment?.current !== true) return;
    this.asker.update({ question, frame: `${moment.step}:${moment.revision}`, shape: this.shape, playing: moment.playing, now: performance.now() });
  }
}
