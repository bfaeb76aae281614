// The sequences lab's part of a frame (the probe sequence unrolled: inputs, targets,
// outputs, each layer's states and gates, the gradient through time; the score per
// position; a text sample) and of the data message (the targets), as its views read
// them: views into the received buffer.

import { readArray, type DecodedData, type DecodedFrame, type NameOfDtype } from "../../protocol/codec";

/** An array with its shape (the server's dims, e.g. (L, T, H)). */
export interface Grid {
  values: Float32Array;
  shape: readonly number[];
}

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
  const grid = (name: NameOfDtype<"frame", "float32">): Grid | null => {
    const found = readArray(frame, name);
    return found === undefined ? null : { values: found.values, shape: found.spec.shape };
  };
  const codes = readArray(frame, "text_vocabulary")?.values ?? new Int32Array();
  const vocabulary = Array.from(codes, (code) => String.fromCodePoint(code));
  const sample = readArray(frame, "text_sample")?.values;
  const cells = grid("cell_states");
  return {
    inputs: grid("sequence_inputs"),
    targets: readArray(frame, "sequence_targets")?.values ?? null,
    outputs: grid("sequence_outputs"),
    hidden: grid("hidden_states"),
    gates: grid("gate_values"),
    cells: cells !== null && cells.values.length > 0 ? cells : null,
    gradient: grid("gradient_through_time"),
    scores: readArray(frame, "position_scores")?.values ?? null,
    vocabulary,
    sample: sample !== undefined && sample.length > 0 ? spell(sample, vocabulary) : null,
  };
}

/** What the page reads of the sequences themselves: their targets (each sequence's row of
 *  P), whose count the probe caption gives and a comparison checks for sameness. */
export interface SequenceSets {
  train: Float32Array | null;
  test: Float32Array | null;
  /** Test sequences. */
  tests: number;
}

export function readSequences(data: DecodedData): SequenceSets {
  const test = readArray(data, "y_test");
  return { train: readArray(data, "y_train")?.values ?? null, test: test?.values ?? null, tests: test?.spec.shape[0] ?? 0 };
}

/** Layer `layer`'s (T, H) block of a grid (L, T, H), or of gate `gate` in (L, G, T, H). */
export function block(grid: Grid, layer: number, gate = 0): Float32Array {
  const [steps = 0, units = 0] = grid.shape.slice(-2);
  const gates = grid.shape.length === 4 ? grid.shape[1]! : 1;
  const size = steps * units;
  const at = (layer * gates + gate) * size;
  return grid.values.subarray(at, at + size);
}
