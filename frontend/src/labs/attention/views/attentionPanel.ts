// "Step through an attention": one query position of one head, with the engine's numbers
// (the query, each key's score q·k/√d, the mask, the softmax and the weighted sum), then
// backpropagation to one weight of the head's W_q (each key's share of its gradient through
// this query). Opened by clicking a row of an attention map or by its button; it asks the
// server (explain_attention) whenever the pick changes and as training moves on, one
// question at a time (shell/asking.ts). Counted from 1 here; the server counts from 0.

import { build, type ClientMessage } from "../../../protocol/client";
import type { DecodedAttentionExplanation } from "../../../protocol/codec";
import { h, setText } from "../../../shell/views/dom";
import { counter, field, QuestionPanel, show, type QuestionMoment } from "../../../shell/views/questionPanel";
import { formatValue } from "../../points/stepThrough";
import { AttentionExplanation, type Pick } from "../stepThrough";

export interface AttentionPanelInput extends QuestionMoment {
  /** The newest frame's network: blocks, heads, input positions, width. */
  layers: number;
  heads: number;
  positions: number;
  width: number;
  /** The probe's tokens, to name each key. */
  tokens: ArrayLike<number>;
  separator: number;
}

const vector = (values: Float32Array, shown = 6): string => `[${Array.from(values.subarray(0, shown), formatValue).join(", ")}${values.length > shown ? ", …" : ""}]`;

export class AttentionPanel extends QuestionPanel<Pick, DecodedAttentionExplanation, AttentionExplanation> {
  private readonly inputs = {
    layer: counter((v) => this.change({ layer: v })),
    head: counter((v) => this.change({ head: v })),
    query: counter((v) => this.change({ query: v })),
    row: counter((v) => this.change({ row: v })),
    column: counter((v) => this.change({ column: v })),
  };
  private readonly weightLine = h("p", { class: "step-weight", id: "attention-weight" });
  private input: AttentionPanelInput | null = null;
  private drawn: AttentionExplanation | null = null;

  constructor(
    container: HTMLElement,
    private readonly send: (message: ClientMessage) => number | null,
    opened: (open: boolean) => void = () => undefined,
  ) {
    super({ id: "attention-step", prefix: "attention-step", kind: "att-step", title: "One attention, explained", toggle: "Step through an attention" }, { layer: 0, head: 0, query: 0, row: 0, column: 0 }, opened);
    this.panel.append(
      h("p", { class: "step-formula" }, "Click a row of an attention map, or pick here. score = q·k/√d for every key; the mask hides the keys after the query (causal); weights = softmax of the allowed scores; the head passes on Σ weight · v. Every number is the engine's, for the probe."),
      h("div", { class: "step-controls" }, field("Block", this.inputs.layer), field("Head", this.inputs.head), field("Query", this.inputs.query)),
      this.status,
      this.error,
      this.body,
      h("h4", { class: "step-subtitle" }, "Backpropagation to one weight of W_q"),
      h("div", { class: "step-controls" }, field("Row (input dim.)", this.inputs.row), field("Column (query dim.)", this.inputs.column)),
      this.weightLine,
    );
    container.append(this.panel);
  }

  protected ask(): number | null {
    const p = this.input === null ? null : this.pick;
    return p === null ? null : this.send(build.explainAttention(p.layer, p.head, p.query, p.row, p.column));
  }

  protected read(message: DecodedAttentionExplanation): AttentionExplanation {
    return new AttentionExplanation(message);
  }

  render(input: AttentionPanelInput): void {
    this.input = input;
    const head = Math.max(1, Math.floor(input.width / Math.max(1, input.heads)));
    const shape = `${input.layers}x${input.heads}x${input.positions}x${input.width}`;
    if (shape !== this.shape) {
      // A new network: keep the pick within it.
      this.shape = shape;
      const clamp = (v: number, n: number): number => Math.max(0, Math.min(v, n - 1));
      const p = this.pick;
      this.pick = { layer: clamp(p.layer, input.layers), head: clamp(p.head, input.heads), query: clamp(p.query, input.positions), row: clamp(p.row, input.width), column: clamp(p.column, head) };
      const limits = { layer: input.layers, head: input.heads, query: input.positions, row: input.width, column: head };
      for (const [key, n] of Object.entries(limits)) this.inputs[key as keyof typeof limits].max = String(n);
    }
    this.update();
  }

  protected update(): void {
    const input = this.input;
    if (this.panel.hidden) return;
    this.askAt(input, JSON.stringify(this.pick));
    for (const key of ["layer", "head", "query", "row", "column"] as const) show(this.inputs[key], String(this.pick[key] + 1));
    this.showStatus(input, (e) =>
      `Block ${e.pick.layer + 1}, head ${e.pick.head + 1}, query at position ${e.pick.query + 1}, at training step ${e.step}; d = ${e.width}; loss on the probe ${formatValue(e.loss)}.`,
    );
    const e = this.explanation;
    if (e === null || this.drawn === e) return;
    this.drawn = e;
    const name = (j: number): string => {
      const token = input?.tokens[j];
      return token === undefined ? `${j + 1}` : `${j + 1} (${token === input?.separator ? "|" : token})`;
    };
    const rows = e.rows.map((r) =>
      h(
        "tr",
        { class: r.allowed ? "" : "masked" },
        h("th", { scope: "row" }, name(r.position)),
        h("td", { title: e.product(r.position) }, formatValue(r.score)),
        h("td", {}, r.allowed ? "seen" : "hidden"),
        h("td", {}, h("span", { class: "weight-bar", style: `width: ${Math.round(r.weight * 100)}%` }), formatValue(r.weight)),
        h("td", {}, formatValue(r.scoreGradient)),
        h("td", {}, formatValue(r.share)),
      ),
    );
    this.body.replaceChildren(
      h("p", { class: "step-vector" }, `q = ${vector(e.query)}`),
      h(
        "table",
        { class: "attention-table", id: "attention-table" },
        h("thead", {}, h("tr", {}, ...["Key", "q·k/√d", "Mask", "Weight", "∂L/∂score", "Share of ∂L/∂w"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, ...rows),
      ),
      h("p", { class: "step-vector" }, `Σ weight · v = ${vector(e.mixed)}`),
    );
    const w = `W_q[${e.pick.row + 1}, ${e.pick.head * e.width + e.pick.column + 1}]`;
    setText(this.weightLine, `${w} (head ${e.pick.head + 1}'s query dimension ${e.pick.column + 1}, reading input dimension ${e.pick.row + 1} = ${formatValue(e.inputValue)} at this query): each key's share = input · k/√d · ∂L/∂score. This query's shares add up to ${formatValue(e.queryShare)}; with every other query's, to ∂L/∂w = ${formatValue(e.gradient)}.`);
  }
}
