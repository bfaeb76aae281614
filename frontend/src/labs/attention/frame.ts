// The attention lab's part of a frame (the probe's tokens, answers and every head's
// attention map; the test accuracy per answer position; the embeddings' principal planes),
// as its views read them: views into the received buffer.

import { readArray, type DecodedFrame } from "../../protocol/codec";
import { gridOf, type Grid } from "../../shell/labData";

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
  return {
    tokens: readArray(frame, "tokens")?.values ?? null,
    targets: readArray(frame, "token_targets")?.values ?? null,
    outputs: gridOf(frame, "token_outputs"),
    maps: gridOf(frame, "attention_maps"),
    scores: readArray(frame, "answer_scores")?.values ?? null,
    tokenMap: gridOf(frame, "token_map"),
    positionMap: gridOf(frame, "position_map"),
  };
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
