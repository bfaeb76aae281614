// The attention lab's part of a frame (the probe's tokens, answers and every head's
// attention map; the test accuracy per answer position; the embeddings' principal planes)
// and of the data message, as its views read them: views into the received buffer.

import { readArray, type DecodedData, type DecodedFrame, type NameOfDtype } from "../../protocol/codec";

/** An array with its shape (the server's dims, e.g. (L, A, S, S)). */
export interface Grid {
  values: Float32Array;
  shape: readonly number[];
}

export interface AttentionFrame {
  /** The probe's input tokens (S); the last token index is the separator. */
  tokens: Int32Array | null;
  /** The answers it should get, at the last P positions (P). */
  targets: Int32Array | null;
  /** The network's class probabilities there (P, K). */
  outputs: Grid | null;
  /** Every head's attention (L, A, S, S): row q, how much query q reads each key. */
  maps: Grid | null;
  /** Test accuracy per answer position (P). */
  scores: Float32Array | null;
  /** Token and position embeddings in their principal planes (V, 2) and (S, 2). */
  tokenMap: Grid | null;
  positionMap: Grid | null;
}

export function readAttentionFrame(frame: DecodedFrame): AttentionFrame {
  const grid = (name: NameOfDtype<"frame", "float32">): Grid | null => {
    const found = readArray(frame, name);
    return found === undefined ? null : { values: found.values, shape: found.spec.shape };
  };
  return {
    tokens: readArray(frame, "tokens")?.values ?? null,
    targets: readArray(frame, "token_targets")?.values ?? null,
    outputs: grid("token_outputs"),
    maps: grid("attention_maps"),
    scores: readArray(frame, "answer_scores")?.values ?? null,
    tokenMap: grid("token_map"),
    positionMap: grid("position_map"),
  };
}

/** What the page reads of the examples: their answers, whose count the probe caption
 *  gives and a comparison checks for sameness. */
export interface TokenSets {
  train: Float32Array | null;
  test: Float32Array | null;
  /** Test examples. */
  tests: number;
}

export function readTokenSets(data: DecodedData): TokenSets {
  const test = readArray(data, "y_test");
  return { train: readArray(data, "y_train")?.values ?? null, test: test?.values ?? null, tests: test?.spec.shape[0] ?? 0 };
}

/** Head `head` of block `layer`'s (S, S) map in (L, A, S, S). */
export function headMap(maps: Grid, layer: number, head: number): Float32Array {
  const [, heads = 1, rows = 0, columns = 0] = maps.shape;
  const size = rows * columns;
  const at = (layer * heads + head) * size;
  return maps.values.subarray(at, at + size);
}

/** The class with the highest probability in row `position` of outputs (P, K), and it. */
export function answer(outputs: Grid, position: number): [cls: number, probability: number] {
  const classes = outputs.shape[1] ?? 1;
  const row = outputs.values.subarray(position * classes, (position + 1) * classes);
  let best = 0;
  for (let k = 1; k < classes; k++) if (row[k]! > row[best]!) best = k;
  return [best, row[best]!];
}
