// The attention lab's step-through as data: one query of one head as the engine computed
// it (read from an `attention_explanation` answer), and one W_q weight's gradient through
// it. Nothing here touches the DOM, so what a learner is shown is tested as text.

import { CodecError, readArray, type DecodedAttentionExplanation } from "../../protocol/codec";
import type { ArrayName } from "../../protocol/constants";
import { formatValue } from "../points/stepThrough";

/** What the user picked, counted from 0 as the server counts. */
export interface Pick {
  layer: number;
  head: number;
  query: number;
  row: number;
  column: number;
}

/** One row of the table: what the query makes of one key. */
export interface KeyRow {
  position: number;
  score: number;
  allowed: boolean;
  weight: number;
  scoreGradient: number;
  share: number;
}

export class AttentionExplanation {
  readonly step: number;
  readonly pick: Pick;
  readonly inputValue: number;
  /** Not finite: NaN (the server sends null). */
  readonly loss: number;
  readonly gradient: number;
  readonly query: Float32Array; // (d)
  readonly mixed: Float32Array; // (d)
  readonly rows: readonly KeyRow[];
  private readonly keys: Float32Array; // (S, d)

  constructor(message: DecodedAttentionExplanation) {
    const { header } = message;
    const array = (name: ArrayName<"attention_explanation">): Float32Array => {
      const values = readArray(message, name)?.values;
      // A CodecError is reported like any unreadable message, never thrown at the page.
      if (values === undefined) throw new CodecError(`attention_explanation: ${name} is missing`);
      return values;
    };
    this.step = header.step;
    this.pick = { layer: header.layer, head: header.head, query: header.query, row: header.row, column: header.column };
    this.inputValue = header.input_value;
    this.loss = header.loss ?? Number.NaN;
    this.gradient = header.gradient ?? Number.NaN;
    this.query = array("query_vector");
    this.mixed = array("mixed");
    this.keys = array("keys");
    const [scores, allowed, weights, gradients, shares] = (["scores", "allowed", "weights", "score_gradients", "weight_shares"] as const).map(array) as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
    if (this.keys.length !== scores.length * this.query.length) throw new CodecError("attention_explanation: keys do not match the scores");
    this.rows = Array.from(scores, (score, j) => ({ position: j, score, allowed: allowed[j]! > 0.5, weight: weights[j]!, scoreGradient: gradients[j]!, share: shares[j]! }));
  }

  /** The head's dimensions, d. */
  get width(): number {
    return this.query.length;
  }

  /** q·k for key `j` written out over the head's first dimensions, e.g. "0.5·0.2 + …". */
  product(j: number, terms = 3): string {
    const d = this.width;
    const parts = Array.from({ length: Math.min(terms, d) }, (_, i) => `${formatValue(this.query[i]!)}·${formatValue(this.keys[j * d + i]!)}`);
    return parts.join(" + ") + (d > terms ? ` + … (${d} terms)` : "");
  }

  /** This query's shares of the weight's gradient, added up. */
  get queryShare(): number {
    return this.rows.reduce((sum, row) => sum + row.share, 0);
  }
}
