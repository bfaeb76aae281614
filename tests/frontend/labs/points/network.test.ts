import { describe, expect, it } from "vitest";

import { formula, NetworkShape, nodeName, outputActivation } from "../../../../frontend/src/labs/points/network";
import { curvePoint, distanceToCurve, layoutNetwork, linkCurve, MAX_NODE, MIN_NODE } from "../../../../frontend/src/labs/points/views/networkLayout";

describe("NetworkShape", () => {
  const shape = new NetworkShape([2, 3, 1]);

  it("finds each weight in the flat row-major (n_in, n_out) matrices, layer after layer", () => {
    expect(shape.weightIndex(0, 0, 0)).toBe(0);
    expect(shape.weightIndex(0, 1, 2)).toBe(5);
    expect(shape.weightIndex(1, 2, 0)).toBe(8);
  });

  it("finds biases and neuron maps", () => {
    expect(shape.biasIndex(0, 2)).toBe(2);
    expect(shape.biasIndex(1, 0)).toBe(3);
    expect(shape.mapIndex(0, 1)).toBe(1); // the second feature
    expect(shape.mapIndex(1, 0)).toBe(2); // the first hidden neuron comes after the features
  });

  it("writes the formula a neuron computes", () => {
    const weights = new Float32Array([0.5, -1.25, 0, 2, 0, 0, 0, 0, 0]);
    const biases = new Float32Array([0.1, 0, 0, -0.3]);
    const name = (i: number) => nodeName(0, i, ["x1", "sin_x2"], 3, 1);
    expect(formula(shape, 0, 0, weights, biases, name, "tanh")).toBe("tanh(0.5·x₁ + 2·sin(x₂) + 0.1)");
    expect(formula(shape, 0, 1, weights, biases, name, "relu")).toBe("relu(−1.25·x₁ + 0·sin(x₂) + 0)");
  });

  it("names hidden neurons and outputs", () => {
    expect(nodeName(2, 0, [], 4, 1)).toBe("h₂,₁");
    expect(nodeName(3, 0, [], 4, 1)).toBe("ŷ");
    expect(nodeName(3, 2, [], 4, 3)).toBe("ŷ₂");
    expect(outputActivation("binary", "log")).toBe("sigmoid");
    expect(outputActivation("multiclass", "cross_entropy")).toBe("softmax");
  });
});

describe("layoutNetwork", () => {
  it("spreads the columns across the width and stacks nodes from the top", () => {
    const layout = layoutNetwork([2, 4, 2, 1], 600, 400);
    expect(layout.nodes.map((c) => c.length)).toEqual([2, 4, 2, 1]);
    const gaps = layout.columns.slice(1).map((x, i) => x - layout.columns[i]!);
    gaps.forEach((g) => expect(g).toBeCloseTo(gaps[0]!, 6));
    expect(layout.columns[0]! - layout.size / 2).toBeGreaterThanOrEqual(0);
    expect(layout.columns.at(-1)! + layout.size / 2).toBeLessThanOrEqual(600);
    expect(layout.nodes[1]!.map((n) => n.y)).toEqual([...layout.nodes[1]!.map((n) => n.y)].sort((a, b) => a - b));
  });

  it("keeps nodes within the room and between the size limits", () => {
    const big = layoutNetwork([7, 16, 16, 16, 16, 16, 16, 16, 16, 1], 700, 420);
    expect(big.size).toBeGreaterThanOrEqual(MIN_NODE);
    expect(big.size).toBeLessThanOrEqual(MAX_NODE);
    expect(big.height).toBeLessThanOrEqual(Math.max(420, 16 * MIN_NODE * 1.3 + 12) + 1);
    const small = layoutNetwork([2, 1], 900, 900);
    expect(small.size).toBe(MAX_NODE);
  });

  it("draws each link from the right edge of its source to the left edge of its target", () => {
    const layout = layoutNetwork([1, 1], 300, 200);
    const [from, to] = [layout.nodes[0]![0]!, layout.nodes[1]![0]!];
    const curve = linkCurve(from, to, layout.size);
    expect(curvePoint(curve, 0)).toEqual([from.x + layout.size / 2, from.y]);
    expect(curvePoint(curve, 1)).toEqual([to.x - layout.size / 2, to.y]);
    expect(distanceToCurve(curve, (from.x + to.x) / 2, from.y)).toBeLessThan(0.5);
    expect(distanceToCurve(curve, (from.x + to.x) / 2, from.y + 30)).toBeCloseTo(30, 0);
  });
});
