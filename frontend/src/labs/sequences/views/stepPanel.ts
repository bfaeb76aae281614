// "Step through a step": one step of one layer's cell on the probe sequence, with the
// engine's numbers (stepTable.ts), and backpropagation through time for one weight of that
// layer (bpttChart.ts). Opened by clicking a heatmap's cell (that step and unit) or by
// its button; the step, layer, unit and weight are picked in the panel too. It asks the
// server (explain_step) whenever the pick changes and as training moves on, one question
// at a time (shell/asking.ts). Everything is counted from 1 here, as the page's other views
// count layers and steps; the server counts from 0.

import { build, type ClientMessage } from "../../../protocol/client";
import type { DecodedStepExplanation } from "../../../protocol/codec";
import { h, labelFor, select, setText } from "../../../shell/views/dom";
import { counter, field, QuestionPanel, show, type QuestionMoment } from "../../../shell/views/questionPanel";
import { formatValue } from "../../points/stepThrough";
import type { Grid } from "../../../shell/labData";
import type { CellName } from "../settings";
import { clicked, columnOf, PARTS, StepExplanation, weightName, type Pick } from "../stepThrough";
import { BpttChart } from "./bpttChart";
import { stepTable } from "./stepTable";

export interface StepPanelInput extends QuestionMoment {
  /** The cell the newest frame's network has. */
  cell: CellName;
  /** Its hidden states (L, T, H) and gates (L, G, T, H): the network's shape. */
  hidden: Grid;
  gates: Grid | null;
}

const WEIGHTS = [
  { value: "u", label: "u (reads h₋)" },
  { value: "w", label: "w (reads x)" },
];

export class StepPanel extends QuestionPanel<Pick, DecodedStepExplanation, StepExplanation> {
  private readonly inputs = { layer: counter((v) => this.change({ layer: v })), time: counter((v) => this.change({ time: v })), unit: counter((v) => this.change({ unit: v })), row: counter((v) => this.change({ row: v })) };
  private readonly weightSelect = select("Weight", WEIGHTS, (v) => this.change({ weight: v as "w" | "u" }));
  private partSelect = select("Into part", [], (v) => this.change({ part: v }));
  private readonly partBox = h("span", { class: "step-field" });
  private readonly weightLine = h("p", { class: "step-weight", id: "step-weight" });
  private readonly chart: BpttChart;
  private input: StepPanelInput | null = null;
  private drawn: { e: StepExplanation; unit: number } | null = null;
  private cellShown: CellName | null = null;

  /** The panel goes into `container`; the page places `toggle`. `opened` hears it open and close. */
  constructor(
    container: HTMLElement,
    private readonly send: (message: ClientMessage) => number | null,
    opened: (open: boolean) => void = () => undefined,
  ) {
    super({ id: "step-through", prefix: "step", kind: "seq-step", title: "One step, explained", toggle: "Step through a step" }, clicked(0, 0, 0), opened);
    const bptt = h("div", { class: "step-bptt" });
    this.chart = new BpttChart(bptt);
    this.panel.append(
      h("p", { class: "step-formula" }, "Click a step and unit of a heatmap, or pick them here. Every number is the engine's, for the probe sequence."),
      h("div", { class: "step-controls" }, field("Layer", this.inputs.layer), field("Step", this.inputs.time), field("Unit", this.inputs.unit)),
      this.status,
      this.error,
      this.body,
      h("h4", { class: "step-subtitle" }, "Backpropagation through time for one weight"),
      h(
        "p",
        { class: "step-formula" },
        "A weight is used at every step; its gradient adds up each use's share. A click on unit j picks u[h₋ of unit j → candidate of unit j]: the unit's own previous state feeding its candidate, its loop through time.",
      ),
      h("div", { class: "step-controls" }, field("Weight", this.weightSelect), field("From (row)", this.inputs.row), this.partBox),
      this.weightLine,
      bptt,
    );
    container.append(this.panel);
  }

  protected ask(): number | null {
    const q = this.question();
    return q === null ? null : this.send(build.explainStep(q.layer, q.time, q.weight, q.row, q.column));
  }

  protected read(message: DecodedStepExplanation): StepExplanation {
    return new StepExplanation(message);
  }

  render(input: StepPanelInput): void {
    this.input = input;
    const [layers = 1, steps = 1, units = 1] = input.hidden.shape;
    const shape = `${input.hidden.shape.join("x")}|${input.gates?.shape.join("x") ?? ""}|${input.cell}`;
    if (shape !== this.shape) {
      // A new network: keep the pick within it.
      this.shape = shape;
      const p = this.pick;
      const clamp = (v: number, n: number): number => Math.max(0, Math.min(v, n - 1));
      this.pick = { ...p, layer: clamp(p.layer, layers), time: clamp(p.time, steps), unit: clamp(p.unit, units), row: p.weight === "u" ? clamp(p.row, units) : p.row };
      for (const [key, n] of [["layer", layers], ["time", steps], ["unit", units]] as const) this.inputs[key].max = String(n);
    }
    this.update();
  }

  /** The question the pick asks of the newest frame's network, as the server counts. */
  private question(): { layer: number; time: number; weight: "w" | "u"; row: number; column: number } | null {
    const input = this.input;
    if (input === null) return null;
    const p = this.pick;
    return { layer: p.layer, time: p.time, weight: p.weight, row: p.row, column: columnOf(p, input.cell, input.hidden.shape[2] ?? 1) };
  }

  protected override change(changes: Partial<Pick>): void {
    // An input weight's row must be one of the layer's inputs, as many as the last answer showed.
    const e = this.explanation;
    const layer = changes.layer ?? this.pick.layer;
    const row = changes.weight === "w" && e !== null && e.layer === layer ? Math.min(changes.row ?? this.pick.row, e.input.length - 1) : changes.row;
    super.change(row === undefined ? changes : { ...changes, row });
  }

  protected update(): void {
    const input = this.input;
    if (this.panel.hidden) return;
    this.askAt(input, JSON.stringify(this.question()));
    this.controls(input?.cell ?? null);
    this.showStatus(input, (e) =>
      `Layer ${e.layer + 1}, step ${e.time + 1} of ${e.byStep.length} (h₋ is the state after step ${e.time}${e.time === 0 ? ", 0 before the first" : ""}), at training step ${e.step}; loss on this sequence ${formatValue(e.loss)}.`,
    );
    const e = this.explanation;
    // Drawn anew for a new answer or another unit only: at most a few times a second.
    if (e === null || (this.drawn?.e === e && this.drawn.unit === this.pick.unit)) return;
    this.drawn = { e, unit: this.pick.unit };
    this.body.replaceChildren(...stepTable(e, this.pick.unit, (unit) => this.change({ unit })));
    const part = e.parts[Math.floor(e.column / e.units)] ?? "";
    const name = weightName(e.weight, e.row, part, e.column % e.units, e.cell);
    setText(this.weightLine, `Weight ${name} of layer ${e.layer + 1} (row ${e.row}, column ${e.column} of ${e.weight}, counting from 0).`);
    this.chart.render(e.byStep, e.gradient, name);
  }

  private controls(cell: CellName | null): void {
    const p = this.pick;
    show(this.inputs.layer, String(p.layer + 1));
    show(this.inputs.time, String(p.time + 1));
    show(this.inputs.unit, String(p.unit + 1));
    show(this.inputs.row, String(p.row + 1));
    show(this.weightSelect, p.weight);
    if (cell !== null && cell !== this.cellShown) {
      // The parts' picker lists the running cell's parts.
      this.cellShown = cell;
      this.partSelect = select("Into part", PARTS[cell].map((part) => ({ value: part, label: part })), (v) => this.change({ part: v }));
      this.partBox.replaceChildren(labelFor("Into part", this.partSelect), this.partSelect);
    }
    show(this.partSelect, cell !== null && PARTS[cell].includes(p.part) ? p.part : "candidate");
  }
}
