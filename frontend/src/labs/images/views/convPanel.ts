// "One convolution, step by step": one filter of one layer at one output position of the
// probe, with the engine's numbers (convGrids.ts). Opened by clicking a feature map's cell
// (the top-left of the 2 x 2 pooled into it) or by its button; the layer, filter and
// position are picked in the panel too. It asks the server (explain_conv) whenever the
// pick changes and as training moves on, one question at a time (shell/asking.ts).
// Everything is counted from 1 here, as the page's other views count layers; the server
// counts from 0.

import { build, type ClientMessage } from "../../../protocol/client";
import type { DecodedConvExplanation } from "../../../protocol/codec";
import { h } from "../../../shell/views/dom";
import { counter, field, QuestionPanel, show, type QuestionMoment } from "../../../shell/views/questionPanel";
import { formatValue } from "../../points/stepThrough";
import { ConvExplanation, type ConvPick } from "../convStep";
import { convGrids } from "./convGrids";

export interface ConvPanelInput extends QuestionMoment {
  /** The newest network's convolution layers: filters and output side before pooling. */
  layers: readonly { filters: number; side: number }[];
}

const clamp = (v: number, n: number): number => Math.max(0, Math.min(v, n - 1));

export class ConvPanel extends QuestionPanel<ConvPick, DecodedConvExplanation, ConvExplanation> {
  private readonly inputs = {
    layer: counter((v) => this.change({ layer: v })),
    filter: counter((v) => this.change({ filter: v })),
    row: counter((v) => this.change({ row: v })),
    column: counter((v) => this.change({ column: v })),
  };
  private input: ConvPanelInput | null = null;
  private drawn: ConvExplanation | null = null;

  constructor(
    container: HTMLElement,
    private readonly send: (message: ClientMessage) => number | null,
  ) {
    super({ id: "conv-step", prefix: "conv", kind: "conv-step", title: "One convolution, step by step", toggle: "Step through a convolution" }, { layer: 0, filter: 0, row: 0, column: 0 });
    this.panel.append(
      h("p", { class: "step-formula" }, "Click a cell of a feature map, or pick a filter and its output position (before pooling) here. Every number is the engine's, for the probe."),
      h("div", { class: "step-controls" }, field("Layer", this.inputs.layer), field("Filter", this.inputs.filter), field("Row", this.inputs.row), field("Column", this.inputs.column)),
      this.status,
      this.error,
      this.body,
    );
    container.append(this.panel);
  }

  protected ask(): number | null {
    const p = this.pick;
    return this.input === null ? null : this.send(build.explainConv(p.layer, p.filter, p.row, p.column));
  }

  protected read(message: DecodedConvExplanation): ConvExplanation {
    return new ConvExplanation(message);
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

  protected update(): void {
    const input = this.input;
    if (this.panel.hidden) return;
    this.askAt(input, JSON.stringify(this.pick));
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
    this.showStatus(input, (e) =>
      `Layer ${e.layer + 1}, filter ${e.filter + 1}, output row ${e.row + 1}, column ${e.column + 1} (before pooling), at training step ${e.step}: a ${e.kernel} × ${e.kernel} window, stride ${e.stride}, ${e.padding} padding${e.poolRow === null ? "" : `; pooled into the feature map's row ${e.poolRow + 1}, column ${(e.poolColumn ?? 0) + 1}`}. Activation ${formatValue(e.activation)}.`,
    );
    const e = this.explanation;
    // Drawn anew for a new answer only: at most a few times a second.
    if (e === null || this.drawn === e) return;
    this.drawn = e;
    this.body.replaceChildren(...convGrids(e));
  }
}
