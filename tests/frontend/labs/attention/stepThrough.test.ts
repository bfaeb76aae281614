// The attention lab's step-through: an `attention_explanation` answer laid out as the
// server's codec lays it out, with a query's numbers computed here (q·k/√d, the causal
// mask, the softmax, the weighted sum, each key's share of one W_q weight's gradient), as
// the panel reads them.
import { describe, expect, it } from "vitest";

import { AttentionExplanation } from "../../../../frontend/src/labs/attention/stepThrough";
import { decodeBinary, type DecodedAttentionExplanation } from "../../../../frontend/src/protocol/codec";
import { binaryMessage } from "../../binaryMessage";

const d = 2;
const query = [0.5, -1];
const keys = [
  [1, 0],
  [0.2, 0.4],
  [-1, 1],
  [3, 3],
];
const values = [
  [1, 2],
  [0, 1],
  [-1, 0],
  [5, 5],
];
const queryAt = 2; // the causal mask hides key 4
const scores = keys.map((k) => (k[0]! * query[0]! + k[1]! * query[1]!) / Math.sqrt(d));
const allowed = keys.map((_, j) => (j <= queryAt ? 1 : 0));
const exps = scores.map((s, j) => (allowed[j] ? Math.exp(s) : 0));
const weights = exps.map((e) => e / exps.reduce((a, b) => a + b, 0));
const mixed = [0, 1].map((i) => weights.reduce((sum, w, j) => sum + w * values[j]![i]!, 0));
const scoreGradients = [0.1, -0.2, 0.05, 0];
const inputValue = 0.7;
const column = 1;
const shares = keys.map((k, j) => ((inputValue * k[column]!) / Math.sqrt(d)) * scoreGradients[j]!);

function answer(replyTo = 3): DecodedAttentionExplanation {
  const message = binaryMessage(
    { kind: "attention_explanation", reply_to: replyTo, step: 40, layer: 1, head: 2, query: queryAt, row: 5, column, input_value: inputValue, loss: null, gradient: 0.25 },
    {
      query_vector: { shape: [d], values: query },
      keys: { shape: [4, d], values: keys.flat() },
      values: { shape: [4, d], values: values.flat() },
      scores: { shape: [4], values: scores },
      allowed: { shape: [4], values: allowed },
      weights: { shape: [4], values: weights },
      mixed: { shape: [d], values: mixed },
      score_gradients: { shape: [4], values: scoreGradients },
      weight_shares: { shape: [4], values: shares },
    },
  );
  return decodeBinary(message) as DecodedAttentionExplanation;
}

describe("one attention, explained", () => {
  it("reads every key's score, mask, weight and share, and what the query passes on", () => {
    const e = new AttentionExplanation(answer());
    expect(e.pick).toEqual({ layer: 1, head: 2, query: queryAt, row: 5, column });
    expect(e.width).toBe(d);
    expect(Number.isNaN(e.loss)).toBe(true); // the server's null: not finite
    expect(e.gradient).toBe(0.25);
    expect(e.rows.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(e.rows[3]!.weight).toBe(0);
    expect(e.rows.reduce((sum, r) => sum + r.weight, 0)).toBeCloseTo(1, 6);
    e.rows.forEach((r, j) => {
      expect(r.score).toBeCloseTo(scores[j]!, 6);
      expect(r.share).toBeCloseTo(shares[j]!, 6);
    });
    expect(e.queryShare).toBeCloseTo(shares.reduce((a, b) => a + b, 0), 6);
    expect(Array.from(e.mixed)).toEqual(mixed.map((v) => Math.fround(v)));
  });

  it("writes q·k out over the head's dimensions", () => {
    const e = new AttentionExplanation(answer());
    expect(e.product(2)).toBe("0.5·−1 + −1·1");
    expect(e.product(0, 1)).toBe("0.5·1 + … (2 terms)");
  });

  it("refuses an answer whose keys do not match its scores", () => {
    const broken = answer();
    broken.arrays.set("keys", { ...broken.arrays.get("keys")!, values: new Float32Array(3) });
    expect(() => new AttentionExplanation(broken)).toThrow(/keys do not match/);
  });
});
