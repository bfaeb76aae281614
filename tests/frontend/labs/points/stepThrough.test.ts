import { describe, expect, it } from "vitest";

import type { DecodedArray, DecodedExplanation } from "../../../../frontend/src/protocol/codec";
import { Explanation, factor, formatValue, move, stages, stageTitle } from "../../../../frontend/src/labs/points/stepThrough";

/** An explanation message for a 2 → 3 → 1 network whose every value is its own index. */
function message(sizes: number[], drop?: string): DecodedExplanation {
  const neurons = sizes.slice(1).reduce((a, b) => a + b, 0);
  let weights = 0;
  for (let l = 0; l + 1 < sizes.length; l++) weights += sizes[l]! * sizes[l + 1]!;
  const lengths: Record<string, number> = {
    inputs: sizes[0]!,
    pre: neurons,
    post: neurons,
    deltas: neurons,
    weight_grads: weights,
    bias_grads: neurons,
    weight_updates: weights,
    bias_updates: neurons,
  };
  const arrays = new Map<string, DecodedArray>();
  let offset = 0;
  for (const [name, n] of Object.entries(lengths)) {
    if (name === drop) continue;
    const values = Float32Array.from({ length: n }, (_, i) => offset + i);
    arrays.set(name, { spec: { name, dtype: "float32", shape: [n], offset: 0 }, values });
    offset += 100;
  }
  return { kind: "explanation", header: { kind: "explanation", reply_to: 3, step: 7, loss: 0.25, learning_rate: 0.03, layer_sizes: sizes }, arrays };
}

describe("the stages", () => {
  it("go forward layer by layer, to the loss, back from the output, then update", () => {
    const list = stages([2, 4, 2, 1]);
    expect(list.map((s) => `${s.kind}${s.column}`)).toEqual([
      "input0",
      "forward1",
      "forward2",
      "forward3",
      "loss3",
      "backward3",
      "backward2",
      "backward1",
      "update1",
      "update2",
      "update3",
    ]);
    expect(stages([2, 1])).toHaveLength(5); // no hidden layer: a single neuron
  });

  it("are titled by their layer", () => {
    expect(stageTitle({ kind: "forward", column: 1 }, 4)).toBe("Forward · hidden layer 1");
    expect(stageTitle({ kind: "backward", column: 3 }, 4)).toBe("Backward · output");
    expect(stageTitle({ kind: "update", column: 3 }, 4)).toBe("Update · weights into the output");
    expect(stageTitle({ kind: "update", column: 2 }, 4)).toBe("Update · weights into hidden layer 2");
  });

  it("are moved through without running off either end", () => {
    expect(move(0, -1, 11)).toBe(0);
    expect(move(0, 1, 11)).toBe(1);
    expect(move(10, 1, 11)).toBe(10);
    expect(move(12, 0, 11)).toBe(10); // a smaller network after a change
  });
});

describe("an explanation", () => {
  it("finds each neuron's z, a and δ by column", () => {
    const e = new Explanation(message([2, 3, 1]));
    expect([e.step, e.loss, e.learningRate]).toEqual([7, 0.25, 0.03]);
    expect([e.a(0, 0), e.a(0, 1)]).toEqual([0, 1]); // the features
    expect([e.z(1, 0), e.z(1, 2), e.z(2, 0)]).toEqual([100, 102, 103]); // pre
    expect([e.a(1, 1), e.a(2, 0)]).toEqual([201, 203]); // post
    expect([e.delta(1, 0), e.delta(2, 0)]).toEqual([300, 303]);
    expect(e.weightGrads).toHaveLength(9);
  });

  it("refuses a message that lacks an array", () => {
    expect(() => new Explanation(message([2, 3, 1], "deltas"))).toThrow(/deltas/);
  });
});

describe("numbers", () => {
  it("show four significant digits and a true minus sign", () => {
    expect(formatValue(0.123456)).toBe("0.1235");
    expect(formatValue(-2.5)).toBe("−2.5");
    expect(formatValue(12345.6)).toBe("12350");
    expect(factor(-0.5)).toBe("(−0.5)");
    expect(factor(0.5)).toBe("0.5");
  });
});
