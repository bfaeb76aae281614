import { describe, expect, it } from "vitest";

import { SampledHistory } from "../../../frontend/src/shell/history";
import { GradientNormHistory, layerName, layerReadings, STAT_COLUMNS } from "../../../frontend/src/shell/layers";
import { sharedFrame } from "../../../frontend/src/shell/state";
import type { DecodedFrame } from "../../../frontend/src/protocol/codec";

const BINS = 4;

/** A frame of a network with `sizes`, whose layer l has gradient norm norms[l]. */
function frame(step: number, sizes: number[], norms: number[]): DecodedFrame {
  const layers = sizes.length - 1;
  const stats = new Float32Array(layers * STAT_COLUMNS);
  norms.forEach((n, l) => stats.set([n, 0.1, 0.2, 0.3, 0.4, l, 1.5, 0.01, 2], l * STAT_COLUMNS));
  const hist = (first: number) => new Float32Array(layers * BINS).map((_, i) => first + i);
  const array = (name: string, values: Float32Array, shape: number[]) => [name, { spec: { name, dtype: "float32" as const, shape, offset: 0 }, values }] as const;
  const header = {
    kind: "frame" as const, step, epoch: 0, train_loss: 0.5, test_loss: 0.5, train_accuracy: null, test_accuracy: null,
    learning_rate: 0.03, updates_per_s: 0, layer_sizes: sizes, revision: 0, data_version: 1, playing: true,
  };
  return {
    kind: "frame",
    header,
    arrays: new Map([
      array("layer_stats", stats, [layers, STAT_COLUMNS]),
      array("weight_hist", hist(0), [layers, BINS]),
      array("grad_hist", hist(100), [layers, BINS]),
      array("activation_hist", hist(200), [layers, BINS]),
    ]),
  };
}

describe("layerReadings", () => {
  it("reads each layer's gradient norm, dead units and histograms, output last", () => {
    const readings = layerReadings(sharedFrame(frame(1, [2, 8, 4, 1], [1e-6, 1e-3, 0.1])))!;
    expect(readings).toHaveLength(3);
    expect(readings.map((r) => r.units)).toEqual([8, 4, 1]);
    expect(readings.map((r) => r.gradNorm)).toEqual([expect.closeTo(1e-6, 12), expect.closeTo(1e-3, 9), expect.closeTo(0.1, 6)]);
    expect(readings.map((r) => r.dead)).toEqual([0, 1, 2]);
    expect([...readings[1]!.histograms.gradients.counts]).toEqual([104, 105, 106, 107]);
    expect(readings[1]!.histograms.weights.limit).toBeCloseTo(1.5);
    expect(readings[1]!.histograms.gradients.limit).toBeCloseTo(0.01);
    expect(readings[1]!.histograms.activations.limit).toBe(2);
  });

  it("is null for a frame without statistics", () => {
    const bare: DecodedFrame = { ...frame(1, [2, 1], [1]), arrays: new Map() };
    expect(layerReadings(sharedFrame(bare))).toBeNull();
  });

  it("names the hidden layers from 1 and the last one the output", () => {
    expect([0, 1, 2].map((l) => layerName(l, 3))).toEqual(["Layer 1", "Layer 2", "Output"]);
  });
});

describe("GradientNormHistory", () => {
  it("keeps one series per layer", () => {
    const history = new GradientNormHistory(10);
    history.append(sharedFrame(frame(1, [2, 4, 1], [0.5, 2])));
    history.append(sharedFrame(frame(2, [2, 4, 1], [0.25, 1])));
    expect(history.steps).toEqual([1, 2]);
    expect(history.columns).toEqual([[0.5, 0.25], [2, 1]]);
  });

  it("starts afresh when the network's shape changes or the step goes back", () => {
    const history = new GradientNormHistory(10);
    history.append(sharedFrame(frame(5, [2, 4, 1], [1, 1])));
    history.append(sharedFrame(frame(6, [2, 4, 4, 1], [1, 2, 3])));
    expect(history.steps).toEqual([6]);
    expect(history.columns).toEqual([[1], [2], [3]]);
    history.append(sharedFrame(frame(0, [2, 4, 4, 1], [4, 5, 6])));
    expect(history.steps).toEqual([0]);
    expect(history.columns).toEqual([[4], [5], [6]]);
  });

  it("stays within its capacity", () => {
    const history = new GradientNormHistory(8);
    for (let step = 1; step <= 1000; step++) history.append(sharedFrame(frame(step, [2, 1], [1 / step])));
    expect(history.length).toBeLessThanOrEqual(8);
    expect(history.steps.at(-1)).toBe(1000);
  });
});

describe("SampledHistory", () => {
  it("turns non-finite and missing values into gaps", () => {
    const history = new SampledHistory(3, 10);
    history.record(1, [1, Number.POSITIVE_INFINITY]);
    expect(history.columns).toEqual([[1], [null], [null]]);
  });

  it("loads a whole record, thinned to its capacity", () => {
    const history = new SampledHistory(2, 4);
    history.load([0, 1, 2, 3, 4, 5, 6, 7], [[0, 1, 2, 3, 4, 5, 6, 7], undefined]);
    expect(history.length).toBeLessThanOrEqual(4);
    expect(history.steps[0]).toBe(0);
    expect(history.columns[1]!.every((v) => v === null)).toBe(true);
  });
});
