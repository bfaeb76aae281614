// The images lab's convolution step-through as data: one filter at one output position
// as the engine computed it (read from a `conv_explanation` answer), and the arithmetic
// the panel writes out with those numbers: window × kernel, summed, plus the bias, through
// the activation, then pooled. Nothing here touches the DOM, so what a learner is shown
// is tested as text.

import { CodecError, readArray, type DecodedConvExplanation } from "../../protocol/codec";
import type { ArrayName } from "../../protocol/constants";
// The other step-throughs write their numbers the same way: one format for all.
import { factor, formatValue } from "../points/stepThrough";

/** One convolution at one output position (before pooling). */
export class ConvExplanation {
  readonly step: number;
  readonly layer: number;
  readonly filter: number;
  readonly row: number;
  readonly column: number;
  /** The kernel's side, k. */
  readonly kernel: number;
  readonly stride: number;
  readonly padding: "same" | "valid";
  readonly activationName: string;
  readonly pooling: "none" | "max" | "avg";
  /** Where the window's top-left weight sits on the layer's input (negative: padding). */
  readonly inputRow: number;
  readonly inputColumn: number;
  readonly inputSide: number;
  /** The layer's input channels, C. */
  readonly channels: number;
  /** Not finite: NaN (the server sends null). */
  readonly sum: number;
  readonly bias: number;
  readonly preActivation: number;
  readonly activation: number;
  /** NaN without pooling, or where the position is left out of it. */
  readonly pooled: number;
  readonly poolRow: number | null;
  readonly poolColumn: number | null;
  private readonly arrays: Record<"window" | "kernel" | "products", Float32Array>;
  /** The 2 x 2 activations pooled together, row by row (empty without pooling). */
  readonly poolWindow: Float32Array;

  constructor(message: DecodedConvExplanation) {
    const { header } = message;
    const array = (name: ArrayName<"conv_explanation">, length: number | null): Float32Array => {
      const values = readArray(message, name)?.values;
      // A CodecError is reported like any unreadable message, never thrown at the page.
      if (values === undefined || (length !== null && values.length !== length)) throw new CodecError(`conv_explanation: ${name} is missing or has the wrong length`);
      return values;
    };
    ({ step: this.step, layer: this.layer, filter: this.filter, row: this.row, column: this.column, kernel: this.kernel, stride: this.stride, padding: this.padding, pooling: this.pooling } = header);
    this.activationName = header.activation_name;
    this.inputRow = header.input_row;
    this.inputColumn = header.input_column;
    this.inputSide = header.input_side;
    const n = (v: number | null | undefined): number => v ?? Number.NaN;
    this.sum = n(header.sum);
    this.bias = n(header.bias);
    this.preActivation = n(header.pre_activation);
    this.activation = n(header.activation);
    this.pooled = n(header.pooled);
    this.poolRow = header.pool_row ?? null;
    this.poolColumn = header.pool_column ?? null;
    const window = array("window", null);
    this.channels = Math.round(window.length / (this.kernel * this.kernel));
    const size = this.kernel * this.kernel * this.channels;
    if (window.length !== size) throw new CodecError("conv_explanation: window is not k x k x C");
    this.arrays = { window, kernel: array("kernel", size), products: array("products", size) };
    this.poolWindow = array("pool_window", null);
    if (this.poolWindow.length !== 0 && this.poolWindow.length !== 4) throw new CodecError("conv_explanation: pool_window is not 2 x 2");
  }

  /** window, kernel or products at (i, j) of the k x k grid, input channel `channel`. */
  at(name: "window" | "kernel" | "products", i: number, j: number, channel: number): number {
    return this.arrays[name][(i * this.kernel + j) * this.channels + channel]!;
  }

  /** Whether the window's (i, j) lies outside the input: a zero that "same" padding adds. */
  padded(i: number, j: number): boolean {
    const r = this.inputRow + i;
    const c = this.inputColumn + j;
    return r < 0 || c < 0 || r >= this.inputSide || c >= this.inputSide;
  }

  /** The sum of one channel's products (the sum is these added up). */
  channelSum(channel: number): number {
    let total = 0;
    for (let i = 0; i < this.kernel; i++) for (let j = 0; j < this.kernel; j++) total += this.at("products", i, j, channel);
    return total;
  }
}

export interface Line {
  /** What it computes: "sum", "pre", "activation" or "pool". */
  name: string;
  text: string;
}

/** The arithmetic after the products, with the engine's numbers put in. */
export function arithmetic(e: ConvExplanation): Line[] {
  const n = formatValue;
  const count = e.kernel * e.kernel * e.channels;
  const lines: Line[] = [
    { name: "sum", text: `sum = Σ window × kernel (${count} products) = ${n(e.sum)}` },
    { name: "pre", text: `pre-activation = sum + bias = ${n(e.sum)} + ${factor(e.bias)} = ${n(e.preActivation)}` },
    { name: "activation", text: `activation = ${e.activationName}(${n(e.preActivation)}) = ${n(e.activation)}` },
  ];
  if (e.poolWindow.length === 4) {
    const values = Array.from(e.poolWindow, factor);
    const text = e.pooling === "max" ? `max(${values.join(", ")})` : `(${values.join(" + ")}) / 4`;
    lines.push({ name: "pool", text: `pooled (${e.pooling}, 2 × 2) = ${text} = ${n(e.pooled)}` });
  }
  return lines;
}

/** Why there is no pooling line, or null where there is one. */
export function poolingNote(e: ConvExplanation): string | null {
  if (e.pooling === "none") return "No pooling: the feature map shows this activation itself.";
  if (e.poolWindow.length === 0) return "Pooling leaves this odd last row or column out: no pooled value comes from it.";
  return null;
}

/** What the step-through asks about: one filter of one layer at one output position
 *  before pooling, all from 0 as the server counts. */
export interface ConvPick {
  layer: number;
  filter: number;
  row: number;
  column: number;
}

/** The pick a click on a feature map's cell (row, column, as the frames show it: after
 *  pooling) makes: the top-left position of the 2 x 2 pooled into it. */
export function pickOfCell(layer: number, filter: number, row: number, column: number, pooled: boolean): ConvPick {
  const scale = pooled ? 2 : 1;
  return { layer, filter, row: row * scale, column: column * scale };
}

/** Each convolution layer's output side before its pooling, from an image of side `size`
 *  (the server's rule: network.py's conv_sides). */
export function convSides(size: number, layers: number, kernel: number, stride: number, padding: string, pooling: string): number[] {
  const sides: number[] = [];
  for (let l = 0; l < layers; l++) {
    const out = padding === "same" ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
    sides.push(out);
    size = pooling === "none" ? out : Math.floor(out / 2);
  }
  return sides;
}
