// The backprop step-through as data: the stages one example passes through (forward
// layer by layer, the loss, backward from the output, the update) and the engine's
// numbers for each neuron and weight, read from an `explanation` message. Nothing here
// touches the DOM, so the stage logic is tested without a browser.

import { CodecError, readArray, type DecodedExplanation } from "../../protocol/codec";
import type { ArrayName } from "../../protocol/constants";

export type StageKind = "input" | "forward" | "loss" | "backward" | "update";

export interface Stage {
  kind: StageKind;
  /** The diagram column the stage is about: 0 the features, 1.. the hidden layers, last the output. */
  column: number;
}

/** Every stage for a network with these node counts per column (features, hidden..., outputs). */
export function stages(layerSizes: readonly number[]): Stage[] {
  const last = layerSizes.length - 1;
  const columns = Array.from({ length: last }, (_, i) => i + 1); // 1..last
  return [
    { kind: "input", column: 0 },
    ...columns.map((column): Stage => ({ kind: "forward", column })),
    { kind: "loss", column: last },
    ...[...columns].reverse().map((column): Stage => ({ kind: "backward", column })),
    ...columns.map((column): Stage => ({ kind: "update", column })),
  ];
}

/** The stage index after moving `delta` stages, kept within the `count` stages. */
export function move(index: number, delta: number, count: number): number {
  return Math.max(0, Math.min(count - 1, index + delta));
}

/** "Forward · hidden layer 2", "Backward · output", ... */
export function stageTitle(stage: Stage, columns: number): string {
  const layer = stage.column === columns - 1 ? "output" : `hidden layer ${stage.column}`;
  switch (stage.kind) {
    case "input":
      return "Forward · the inputs";
    case "forward":
      return `Forward · ${layer}`;
    case "loss":
      return "The loss";
    case "backward":
      return `Backward · ${layer}`;
    case "update":
      return `Update · weights into ${layer === "output" ? "the output" : layer}`;
  }
}

/** One example's pass through the network, as the engine computed it. */
export class Explanation {
  readonly step: number;
  readonly loss: number;
  readonly learningRate: number;
  readonly sizes: readonly number[];
  readonly inputs: Float32Array;
  readonly weightGrads: Float32Array;
  readonly biasGrads: Float32Array;
  readonly weightUpdates: Float32Array;
  readonly biasUpdates: Float32Array;
  private readonly pre: Float32Array;
  private readonly post: Float32Array;
  private readonly deltas: Float32Array;
  private readonly starts: number[];

  constructor(message: DecodedExplanation) {
    const { header } = message;
    const float = (name: ArrayName<"explanation">, length: number): Float32Array => {
      const values = readArray(message, name)?.values;
      // A CodecError is reported like any unreadable message, never thrown at the page.
      if (values === undefined || values.length !== length) throw new CodecError(`explanation: ${name} is missing or has the wrong length`);
      return values;
    };
    this.step = header.step;
    this.loss = header.loss ?? Number.NaN; // null: not a finite number, shown as such
    this.learningRate = header.learning_rate;
    this.sizes = header.layer_sizes;
    const sizes = this.sizes;
    let weights = 0;
    for (let l = 0; l + 1 < sizes.length; l++) weights += sizes[l]! * sizes[l + 1]!;
    const neurons = sizes.slice(1).reduce((a, b) => a + b, 0);
    this.starts = sizes.map((_, c) => sizes.slice(1, Math.max(1, c)).reduce((a, b) => a + b, 0));
    this.inputs = float("inputs", sizes[0]!);
    this.pre = float("pre", neurons);
    this.post = float("post", neurons);
    this.deltas = float("deltas", neurons);
    this.weightGrads = float("weight_grads", weights);
    this.biasGrads = float("bias_grads", neurons);
    this.weightUpdates = float("weight_updates", weights);
    this.biasUpdates = float("bias_updates", neurons);
  }

  /** The weighted sum z = Σ w·a + b of neuron `index` of column `column` (≥ 1). */
  z(column: number, index: number): number {
    return this.pre[this.starts[column]! + index]!;
  }

  /** The activation a = f(z) of a node; for column 0, the feature's value. */
  a(column: number, index: number): number {
    return column === 0 ? this.inputs[index]! : this.post[this.starts[column]! + index]!;
  }

  /** The error signal δ = ∂L/∂z of neuron `index` of column `column` (≥ 1). */
  delta(column: number, index: number): number {
    return this.deltas[this.starts[column]! + index]!;
  }
}

const MINUS = "−";

/** A number as the step-through shows it: four significant digits, a true minus sign. */
export function formatValue(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const text = String(Number(n.toPrecision(4)));
  return text.startsWith("-") ? MINUS + text.slice(1) : text;
}

/** A factor in a product: negative numbers in parentheses, "(−0.5)". */
export function factor(n: number): string {
  const text = formatValue(n);
  return text.startsWith(MINUS) ? `(${text})` : text;
}
