// The sequences lab's part of a frame (the probe sequence unrolled: inputs, targets,
// outputs, each layer's states and gates, the gradient through time; the score per
// position; a text sample), as its views read them: views into the received buffer (the
// data message's targets are read as every lab of examples reads them: shell/labData.ts).

import { readArray, type DecodedFrame } from "../../protocol/codec";
import { gridOf, type Grid } from "../../shell/labData";

export interface SequencesFrame {
  /** The probe's inputs (T, I): values, or a symbol's or character's index (I = 1). */
  inputs: Grid | null;
  /** Its targets (P): P = T, or 1 where the target is at the end. */
  targets: Float32Array | null;
  /** The network's outputs there (P, K): class probabilities, or the value (K = 1). */
  outputs: Grid | null;
  hidden: Grid | null; // (L, T, H)
  gates: Grid | null; // (L, G, T, H), G = 0 for a plain RNN
  /** An LSTM's cell states (L, T, H); null for the other cells (the server sends none). */
  cells: Grid | null;
  /** ‖∂loss/∂hₜ‖ (L, T). */
  gradient: Grid | null;
  /** Accuracy (classes) or mean squared error (values) per position (P). */
  scores: Float32Array | null;
  /** The characters, in the order of the text task's classes; empty for other tasks. */
  vocabulary: string[];
  /** A continuation the network wrote (text task), else null. */
  sample: string | null;
}

/** Stands for a class the text has no character for: the network's output layer has
 *  room for more characters than a text holds, and an untrained one may pick them. */
export const UNKNOWN = "\uFFFD";

/** The text a sample of class indices spells through the vocabulary's code points. */
export function spell(indices: ArrayLike<number>, vocabulary: readonly string[]): string {
  let text = "";
  for (let i = 0; i < indices.length; i++) text += vocabulary[indices[i]!] ?? UNKNOWN;
  return text;
}

export function readSequencesFrame(frame: DecodedFrame): SequencesFrame {
  const codes = readArray(frame, "text_vocabulary")?.values ?? new Int32Array();
  const vocabulary = Array.from(codes, (code) => String.fromCodePoint(code));
  const sample = readArray(frame, "text_sample")?.values;
  const cells = gridOf(frame, "cell_states");
  return {
    inputs: gridOf(frame, "sequence_inputs"),
    targets: readArray(frame, "sequence_targets")?.values ?? null,
    outputs: gridOf(frame, "sequence_outputs"),
    hidden: gridOf(frame, "hidden_states"),
    gates: gridOf(frame, "gate_values"),
    cells: cells !== null && cells.values.length > 0 ? cells : null,
    gradient: gridOf(frame, "gradient_through_time"),
    scores: readArray(frame, "position_scores")?.values ?? null,
    vocabulary,
    sample: sample !== undefined && sample.length > 0 ? spell(sample, vocabulary) : null,
  };
}

/** Layer `layer`'s (T, H) block of a grid (L, T, H), or of gate `gate` in (L, G, T, H). */
export function block(grid: Grid, layer: number, gate = 0): Float32Array {
  const [steps = 0, units = 0] = grid.shape.slice(-2);
  const gates = grid.shape.length === 4 ? grid.shape[1]! : 1;
  const size = steps * units;
  const at = (layer * gates + gate) * size;
  return grid.values.subarray(at, at + size);
}
