// "One convolution, step by step": one filter of one layer at one output position of the
// probe, with the engine's numbers (convGrids.ts). Opened by clicking a feature map's cell
// (the top-left of the 2 x 2 pooled into it) or by its button; the layer, filter and
// position are picked in the panel too. It asks the server (explain_conv) whenever the
// pick changes and as training moves on, one question at a time (shell/asking.ts).
// Everything is counted from 1 here, as the page's other views count layers; the server
// counts from 0.

// The panel wears the 2D lab's step-through frame (.step-panel, .step-head, .step-hint, .step-row).
import "../../points/views/stepThrough.css";

import { build, type ClientMessage } from "../../../protocol/client";
import type { DecodedConvExplanation } from "../../../protocol/codec";
import { Asker } from "../../../shell/asking";
import { button, h, setText } from "../../../shell/views/dom";
import { formatValue } from "../../points/stepThrough";
import { counter, field, show } from "../../sequences/views/stepPanel";
import { ConvExplanation, type ConvPick } from "../convStep";
import { convGrids } from "./convGrids";

export interface ConvPanelInput {
  /** The newest network's convolution layers: filters and output side before pooling. */
  layers: readonly { filters: number; side: number }[];
  /** The newest frame's training step and revision. */
  step: number;
  revision: number;
  playing: boolean;
  /** Whether the frame's network is the session's newest: the server checks a question
   *  against the newest settings, so none is asked while a new network compiles. */
  current: boolean;
}

const clamp = (v: number, n: number): number => Math.max(0, Math.min(v, n - 1));

export class ConvPanel {
  readonly toggle: HTMLButtonElement;
  private readonly panel = h("section", { class: "step-panel conv-step", id: "conv-step", "aria-label": "One convolution, step by step", hidden: true });
  private readonly status = h("p", { class: "step-hint", id: "conv-status", role: "status" });
  private readonly error = h("p", { class: "step-error", id: "conv-error", role: "alert", hidden: true });
  private readonly body = h("div", { class: "step-body", id: "conv-body" });
  private readonly inputs = {
    layer: counter((v) => this.change({ layer: v })),
    filter: counter((v) => this.change({ filter: v })),
    row: counter((v) => this.change({ row: v })),
    column: counter((v) => this.change({ column: v })),
  };
  private readonly asker: Asker;
  private pick: ConvPick = { layer: 0, filter: 0, row: 0, column: 0 };
  private input: ConvPanelInput | null = null;
  private explanation: ConvExplanation | null = null;
  private drawn: ConvExplanation | null = null;
  private shape = "";

  constructor(container: HTMLElement, send: (message: ClientMessage) => number | null) {
    this.toggle = button("Step through a convolution", () => (this.panel.hidden ? this.open() : this.close()), { class: "step-toggle", "aria-pressed": "false", "aria-controls": "conv-step" });
    this.asker = new Asker(() => (this.input === null ? null : send(build.explainConv(this.pick.layer, this.pick.filter, this.pick.row, this.pick.column))));
    this.panel.append(
      h("header", { class: "step-head" }, h("h3", { class: "step-title" }, "One convolution, step by step"), button("Close", () => this.close())),
      h("p", { class: "step-formula" }, "Click a cell of a feature map, or pick a filter and its output position (before pooling) here. Every number is the engine's, for the probe."),
      h("div", { class: "step-controls" }, field("Layer", this.inputs.layer), field("Filter", this.inputs.filter), field("Row", this.inputs.row), field("Column", this.inputs.column)),
      this.status,
      this.error,
      this.body,
    );
    container.append(this.panel);
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  /** Open the panel, on `pick` where given (a feature map's cell). */
  open(pick?: ConvPick): void {
    if (pick !== undefined) this.pick = pick;
    this.error.hidden = true;
    if (this.panel.hidden) {
      this.panel.hidden = false;
      this.toggle.setAttribute("aria-pressed", "true");
      this.panel.scrollIntoView?.({ block: "nearest" });
    }
    this.update();
  }

  close(): void {
    this.panel.hidden = true;
    this.toggle.setAttribute("aria-pressed", "false");
    this.asker.reset();
  }

  render(input: ConvPanelInput): void {
    this.input = input;
    const shape = input.layers.map((l) => `${l.filters}x${l.side}`).join();
    if (shape !== this.shape && input.current) {
      // A new network: keep the pick within it.
      this.shape = shape;
      const p = this.pick;
      const layer = clamp(p.layer, input.layers.length);
      const { filters = 1, side = 1 } = input.layers[layer] ?? {};
      this.pick = { layer, filter: clamp(p.filter, filters), row: clamp(p.row, side), column: clamp(p.column, side) };
      this.inputs.layer.max = String(input.layers.length);
    }
    this.update();
  }

  receive(message: DecodedConvExplanation): void {
    if (!this.asker.answered(message.header.reply_to) || this.panel.hidden) return;
    this.explanation = new ConvExplanation(message);
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

  private change(changes: Partial<ConvPick>): void {
    this.pick = { ...this.pick, ...changes };
    this.error.hidden = true;
    this.update();
  }

  private update(): void {
    const input = this.input;
    if (this.panel.hidden) return;
    if (input?.current === true) {
      this.asker.update({ question: JSON.stringify(this.pick), frame: `${input.step}:${input.revision}`, shape: this.shape, playing: input.playing, now: performance.now() });
    }
    const p = this.pick;
    show(this.inputs.layer, String(p.layer + 1));
    show(this.inputs.filter, String(p.filter + 1));
    show(this.inputs.row, String(p.row + 1));
    show(this.inputs.column, String(p.column + 1));
    const layer = input?.layers[p.layer];
    if (layer !== undefined) {
      this.inputs.filter.max = String(layer.filters);
      this.inputs.row.max = this.inputs.column.max = String(layer.side);
    }
    const e = this.explanation;
    setText(
      this.status,
      e === null
        ? input === null || !input.current
          ? "Waiting for the network's frames…"
          : "Asking the engine…"
        : `Layer ${e.layer + 1}, filter ${e.filter + 1}, output row ${e.row + 1}, column ${e.column + 1} (before pooling), at training step ${e.step}: a ${e.kernel} × ${e.kernel} window, stride ${e.stride}, ${e.padding} padding${e.poolRow === null ? "" : `; pooled into the feature map's row ${e.poolRow + 1}, column ${(e.poolColumn ?? 0) + 1}`}. Activation ${formatValue(e.activation)}.`,
    );
    // Drawn anew for a new answer only: at most a few times a second.
    if (e === null || this.drawn === e) return;
    this.drawn = e;
    this.body.replaceChildren(...convGrids(e));
  }
}
