// The sequences lab's step-through as data: one step of one cell as the engine computed it
// (read from a `step_explanation` answer), the cell's equations for one unit written out
// with those numbers, and which weight the backpropagation-through-time chart is about.
// Nothing here touches the DOM, so the arithmetic a learner is shown is tested as text.

import { CodecError, readArray, type DecodedStepExplanation } from "../../protocol/codec";
import { LAB_CONSTANTS, type ArrayName } from "../../protocol/constants";
// The 2D lab's step-through writes its numbers the same way: one format for both.
import { factor, formatValue } from "../points/stepThrough";
import type { CellName } from "./settings";

/** Each cell's parts, in the order of the answer's sums and values (generated). */
export const PARTS: Readonly<Record<CellName, readonly string[]>> = LAB_CONSTANTS.sequences.parts;

/** One step of one layer's cell, and each step's share of one weight's gradient. */
export class StepExplanation {
  readonly step: number;
  readonly layer: number;
  readonly time: number;
  readonly weight: "w" | "u";
  readonly row: number;
  readonly column: number;
  readonly cell: CellName;
  readonly parts: readonly string[];
  /** Not finite: NaN (the server sends null). */
  readonly loss: number;
  readonly gradient: number;
  readonly units: number;
  readonly input: Float32Array; // (I) x at the step
  readonly previousHidden: Float32Array; // (H)
  readonly previousCell: Float32Array; // (H)
  readonly newCell: Float32Array; // (H)
  readonly newHidden: Float32Array; // (H)
  readonly byStep: Float32Array; // (T)
  private readonly sums: Float32Array; // (P, H)
  private readonly values: Float32Array; // (P, H)

  constructor(message: DecodedStepExplanation) {
    const { header } = message;
    const array = (name: ArrayName<"step_explanation">, length?: number): Float32Array => {
      const values = readArray(message, name)?.values;
      // A CodecError is reported like any unreadable message, never thrown at the page.
      if (values === undefined || (length !== undefined && values.length !== length)) throw new CodecError(`step_explanation: ${name} is missing or has the wrong length`);
      return values;
    };
    ({ step: this.step, layer: this.layer, time: this.time, weight: this.weight, row: this.row, column: this.column, cell: this.cell, parts: this.parts } = header);
    this.loss = header.loss ?? Number.NaN;
    this.gradient = header.gradient ?? Number.NaN;
    this.newHidden = array("new_hidden");
    this.units = this.newHidden.length;
    this.input = array("cell_input");
    this.previousHidden = array("previous_hidden", this.units);
    this.previousCell = array("previous_cell", this.units);
    this.newCell = array("new_cell", this.units);
    this.sums = array("sums", this.parts.length * this.units);
    this.values = array("values", this.parts.length * this.units);
    this.byStep = array("gradient_by_step");
  }

  /** Part `part`'s weighted sum for unit `unit`, before its activation. */
  sum(part: number, unit: number): number {
    return this.sums[part * this.units + unit]!;
  }

  /** And after it. */
  value(part: number, unit: number): number {
    return this.values[part * this.units + unit]!;
  }

  /** The value of the part called `name` for `unit` (NaN where the cell has no such part). */
  named(name: string, unit: number): number {
    const part = this.parts.indexOf(name);
    return part < 0 ? Number.NaN : this.value(part, unit);
  }
}

/** The letter each part goes by in the equations. The candidate is g in an LSTM, n in a
 *  GRU, and in a plain RNN it is the new state h itself. */
export function symbol(cell: CellName, part: string): string {
  const letters: Record<string, string> = { input: "i", forget: "f", output: "o", update: "z", reset: "r" };
  if (part === "candidate") return cell === "lstm" ? "g" : cell === "gru" ? "n" : "h";
  return letters[part] ?? part;
}

export interface Equation {
  /** What it computes: a part's letter, "c" or "h". */
  name: string;
  /** The equation with the engine's numbers put in, e.g. "h = o·tanh(c) = 0.6·tanh(0.2) = 0.1184". */
  text: string;
}

const MINUS = "−";
const subscript = (part: string, cell: CellName): string => (cell === "rnn" ? "" : symbol(cell, part));

/** Unit `unit`'s arithmetic at this step, in the order the cell computes it: each part's
 *  weighted sum through its activation, then the new cell and hidden state. */
export function equations(e: StepExplanation, unit: number): Equation[] {
  const n = formatValue;
  const lines: Equation[] = e.parts.map((part, p) => {
    const name = symbol(e.cell, part);
    const k = subscript(part, e.cell);
    const activation = part === "candidate" ? "tanh" : "σ";
    // A GRU's candidate reads the previous state through the reset gate.
    const recurrent = e.cell === "gru" && part === "candidate" ? `(r⊙h₋)·U${k}` : `h₋·U${k}`;
    return { name, text: `${name} = ${activation}(x·W${k} + ${recurrent} + b${k}) = ${activation}(${n(e.sum(p, unit))}) = ${n(e.value(p, unit))}` };
  });
  const h = n(e.newHidden[unit]!);
  const v = (part: string): string => factor(e.named(part, unit));
  if (e.cell === "lstm") {
    const c = e.newCell[unit]!;
    lines.push({ name: "c", text: `c = f·c₋ + i·g = ${v("forget")}·${factor(e.previousCell[unit]!)} + ${v("input")}·${v("candidate")} = ${n(c)}` });
    lines.push({ name: "h", text: `h = o·tanh(c) = ${v("output")}·tanh(${n(c)}) = ${h}` });
  } else if (e.cell === "gru") {
    // z is a sigmoid's value, in (0, 1): 1 − z needs no sign of its own.
    lines.push({ name: "h", text: `h = (1 ${MINUS} z)·h₋ + z·n = (1 ${MINUS} ${n(e.named("update", unit))})·${factor(e.previousHidden[unit]!)} + ${v("update")}·${v("candidate")} = ${h}` });
  }
  return lines;
}

/** The steps [from, T - 1] whose shares hold `fraction` of the gradient's size (the sum of
 *  the shares' magnitudes), counted back from the last step: how far back it comes from.
 *  null when every share is zero (or not finite). */
export function reach(byStep: ArrayLike<number>, fraction = 0.9): number | null {
  let total = 0;
  for (let t = 0; t < byStep.length; t++) total += Math.abs(byStep[t]!);
  if (!(total > 0) || !Number.isFinite(total)) return null;
  let held = 0;
  for (let t = byStep.length - 1; t >= 0; t--) {
    held += Math.abs(byStep[t]!);
    if (held >= fraction * total * (1 - 1e-9)) return t;
  }
  return 0;
}

/** What the step-through asks about: one step of one layer, and one weight of that layer
 *  (all from 0, as the server counts). The weight's part is kept by name, so it survives a
 *  change of cell wherever the new cell has it. */
export interface Pick {
  layer: number;
  time: number;
  /** The unit whose arithmetic is written out; also the weight's target unit. */
  unit: number;
  weight: "w" | "u";
  /** The input (w) or the previous step's unit (u) the weight reads. */
  row: number;
  part: string;
}

/** The weight a click on unit j of a heatmap picks: u[j → candidate of j], unit j's own
 *  previous state feeding its candidate, its loop through time. Every cell has a
 *  candidate, and its gradient is the one that vanishes (a plain RNN) or carries (an
 *  LSTM) over many steps. */
export const clicked = (layer: number, time: number, unit: number): Pick => ({ layer, time, unit, weight: "u", row: unit, part: "candidate" });

/** The weight's column in the layer's (rows, parts × H) matrix: its part times H plus its
 *  unit; a part the cell lacks stands for the candidate. */
export function columnOf(pick: Pick, cell: CellName, units: number): number {
  const part = PARTS[cell].indexOf(pick.part);
  return (part < 0 ? PARTS[cell].indexOf("candidate") : part) * units + pick.unit;
}

/** The weight as a learner reads it, counting from 1: "u[unit 3 → forget of unit 5]". */
export function weightName(weight: "w" | "u", row: number, part: string, unit: number, cell: CellName): string {
  const from = weight === "u" ? `h₋ of unit ${row + 1}` : `input ${row + 1}`;
  const into = cell === "rnn" ? `unit ${unit + 1}` : `${part} of unit ${unit + 1}`;
  return `${weight}[${from} → ${into}]`;
}
