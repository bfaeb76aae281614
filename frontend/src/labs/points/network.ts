// The network as the frame describes it: where each weight, bias and neuron map lies in
// the flat arrays, what each node is called, and the formula a neuron computes.
// Layer l of the parameters maps layer_sizes[l] nodes to layer_sizes[l + 1] nodes.

import { formatNumber, type Problem } from "../../shell/settings";
import { FEATURES } from "./settings";

export class NetworkShape {
  private readonly weightStarts: number[] = [];
  private readonly biasStarts: number[] = [];
  private readonly mapStarts: number[] = [];

  constructor(readonly sizes: readonly number[]) {
    let w = 0;
    let b = 0;
    let m = 0;
    for (let l = 0; l < sizes.length; l++) {
      this.weightStarts.push(w);
      this.biasStarts.push(b);
      this.mapStarts.push(m);
      if (l + 1 < sizes.length) {
        w += sizes[l]! * sizes[l + 1]!;
        b += sizes[l + 1]!;
      }
      m += sizes[l]!;
    }
  }

  /** Parameter layers: one fewer than node columns. */
  get layers(): number {
    return this.sizes.length - 1;
  }

  /** Index in `weights` of the weight from node `source` of column l to node `target` of column l + 1. */
  weightIndex(layer: number, source: number, target: number): number {
    return this.weightStarts[layer]! + source * this.sizes[layer + 1]! + target;
  }

  /** Index in `biases` of the bias of node `neuron` of column layer + 1. */
  biasIndex(layer: number, neuron: number): number {
    return this.biasStarts[layer]! + neuron;
  }

  /** Which map of `neurons` shows node `index` of column `column` (features and hidden
   *  columns only; the output is the output map). */
  mapIndex(column: number, index: number): number {
    return this.mapStarts[column]! + index;
  }

  /** Whether two shapes have the same columns. */
  equals(other: NetworkShape | null): boolean {
    return other !== null && other.sizes.length === this.sizes.length && other.sizes.every((s, i) => s === this.sizes[i]);
  }
}

const SUBSCRIPT = "₀₁₂₃₄₅₆₇₈₉";
/** "₁₂" for 12. */
export const subscript = (n: number): string => [...String(n)].map((d) => SUBSCRIPT[Number(d)]).join("");

/** The name of node `index` of column `column`: a feature, h(layer, neuron), or the output. */
export function nodeName(column: number, index: number, features: readonly string[], columns: number, outputs: number): string {
  if (column === 0) return FEATURES.find((f) => f.value === features[index])?.label ?? features[index] ?? "?";
  if (column === columns - 1) return outputs > 1 ? `ŷ${subscript(index)}` : "ŷ";
  return `h${subscript(column)},${subscript(index + 1)}`;
}

/** The output layer's activation, as the server's heads define it. */
export function outputActivation(problem: Problem, loss: string): string {
  if (problem === "multiclass") return "softmax";
  if (problem === "regression") return "linear";
  return loss === "log" ? "sigmoid" : "tanh";
}

const term = (weight: number, name: string, first: boolean): string => {
  const sign = weight < 0 ? "−" : first ? "" : "+";
  const text = `${formatNumber(Math.abs(Number(weight.toFixed(3))))}·${name}`;
  return first ? `${sign}${text}` : ` ${sign} ${text}`;
};

/** "tanh(0.53·x₁ − 1.2·x₂ + 0.1)": what node `neuron` of column layer + 1 computes. */
export function formula(
  shape: NetworkShape,
  layer: number,
  neuron: number,
  weights: Float32Array,
  biases: Float32Array,
  inputName: (index: number) => string,
  activation: string,
): string {
  const parts: string[] = [];
  for (let source = 0; source < shape.sizes[layer]!; source++) {
    parts.push(term(weights[shape.weightIndex(layer, source, neuron)]!, inputName(source), parts.length === 0));
  }
  const bias = biases[shape.biasIndex(layer, neuron)]!;
  parts.push(term(bias, "1", parts.length === 0).replace("·1", ""));
  return `${activation}(${parts.join("")})`;
}
