import { describe, expect, it } from "vitest";

import { readPointsFrame } from "../../../../frontend/src/labs/points/frame";
import type { DecodedFrame } from "../../../../frontend/src/protocol/codec";
import { AppState } from "../../../../frontend/src/shell/state";
import { points } from "../../../../frontend/src/labs/points/lab";

function frame(arrays: DecodedFrame["arrays"]): DecodedFrame {
  const header = {
    kind: "frame" as const, step: 1, epoch: 0, train_loss: 0.5, test_loss: 0.5, train_accuracy: 0.9,
    test_accuracy: 0.8, learning_rate: 0.03, updates_per_s: 0, layer_sizes: [2, 1], revision: 0,
    data_version: 1, playing: true,
  };
  return { kind: "frame", header, arrays };
}

describe("the 2D lab's part of a frame", () => {
  it("exposes the output map with its range and the neuron maps", () => {
    const output = new Uint8Array([0, 255, 128, 64]);
    const neurons = new Uint8Array(2 * 3 * 3);
    const read = readPointsFrame(
      frame(
        new Map([
          ["output", { spec: { name: "output", dtype: "uint8", shape: [2, 2], offset: 0, low: -1, high: 1 }, values: output }],
          ["neurons", { spec: { name: "neurons", dtype: "uint8", shape: [2, 3, 3], offset: 8 }, values: neurons }],
        ]),
      ),
    );
    expect(read.output).toEqual({ levels: output, size: 2, low: -1, high: 1 });
    expect(read.neurons).toEqual({ levels: neurons, size: 3 });
    expect(read.weights).toBeNull();
  });

  it("sits beside the shell's part in the state", () => {
    const state = new AppState(points);
    state.applyFrame(frame(new Map()));
    expect(state.frame?.header.step).toBe(1);
    expect(state.frame?.output).toBeNull();
    expect(state.frame?.layerStats).toBeNull();
  });
});
