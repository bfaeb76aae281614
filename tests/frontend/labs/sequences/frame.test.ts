// The sequences lab's part of a frame, read from a binary message laid out as the server
// encodes it (codec.py: a length word, the JSON header, each array at its 8-byte aligned
// offset), with the shapes the server sends for a two-layer LSTM on the text task.
import { describe, expect, it } from "vitest";

import { block, readSequencesFrame, spell, UNKNOWN } from "../../../../frontend/src/labs/sequences/frame";
import { readTargets } from "../../../../frontend/src/shell/labData";
import { decodeBinary, type DecodedData, type DecodedFrame } from "../../../../frontend/src/protocol/codec";
import { binaryMessage, type TestArrays } from "../../binaryMessage";

/** A binary message of `kind` holding `arrays`, as the server's encoder lays it out. */
function message(kind: "frame" | "data", arrays: TestArrays): ArrayBuffer {
  const header = kind === "frame" ? { kind, step: 3, epoch: 0, train_loss: 1, test_loss: 1, train_accuracy: 0.5, test_accuracy: 0.5, learning_rate: 0.01, updates_per_s: 0, layer_sizes: [5, 3, 3, 5], revision: 1, data_version: 1, playing: true } : { kind, data_version: 1 };
  return binaryMessage(header, arrays);
}

const range = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i);
const [L, G, T, H, V] = [2, 3, 4, 3, 5];
const VOCABULARY = [..."ab c\n"]; // the text's characters, in class order
const codes = VOCABULARY.map((c) => c.codePointAt(0)!);

describe("the sequences lab's part of a frame", () => {
  const frame = readSequencesFrame(
    decodeBinary(
      message("frame", {
        sequence_inputs: { dtype: "float32", shape: [T, 1], values: [0, 1, 2, 3] },
        sequence_targets: { dtype: "float32", shape: [T], values: [1, 2, 3, 4] },
        sequence_outputs: { dtype: "float32", shape: [T, V], values: range(T * V).map(() => 1 / V) },
        hidden_states: { dtype: "float32", shape: [L, T, H], values: range(L * T * H) },
        gate_values: { dtype: "float32", shape: [L, G, T, H], values: range(L * G * T * H, 100) },
        cell_states: { dtype: "float32", shape: [L, T, H], values: range(L * T * H, -12) },
        gradient_through_time: { dtype: "float32", shape: [L, T], values: [1e-6, 1e-4, 1e-2, 1, 2, 2, 2, 2] },
        position_scores: { dtype: "float32", shape: [T], values: [1, 0.5, 0.25, 0] },
        // Class indices: 0 "a", 2 " ", 4 "\n", 1 "b", and 9, a class the text has no character for.
        text_sample: { dtype: "int32", shape: [5], values: [0, 2, 4, 1, 9] },
        text_vocabulary: { dtype: "int32", shape: [V], values: codes },
      }),
    ) as DecodedFrame,
  );

  it("keeps every array with the server's shape", () => {
    expect(frame.inputs?.shape).toEqual([T, 1]);
    expect(frame.outputs?.shape).toEqual([T, V]);
    expect(frame.hidden?.shape).toEqual([L, T, H]);
    expect(frame.gates?.shape).toEqual([L, G, T, H]);
    expect(frame.gradient?.shape).toEqual([L, T]);
    expect([...frame.targets!]).toEqual([1, 2, 3, 4]);
    expect([...frame.scores!]).toEqual([1, 0.5, 0.25, 0]);
  });

  it("cuts a layer's (and a gate's) time x units block out of the stacked arrays", () => {
    expect([...block(frame.hidden!, 1)]).toEqual(range(T * H, T * H));
    // Layer 2's forget gate (the second of three): after layer 1's three and one of its own.
    expect([...block(frame.gates!, 1, 1)]).toEqual(range(T * H, 100 + (G + 1) * T * H));
    expect([...block(frame.cells!, 0)]).toEqual(range(T * H, -12));
  });

  it("spells the sample through the vocabulary: the sample holds class indices, not code points", () => {
    expect(frame.vocabulary).toEqual(VOCABULARY);
    expect(frame.sample).toBe(`a \nb${UNKNOWN}`);
    expect(spell([3, 3, 0], ["x", "y", "z", "w"])).toBe("wwx");
  });

  it("reads a plain RNN's frame of another task: no gates, no cell states, no sample", () => {
    const rnn = readSequencesFrame(
      decodeBinary(
        message("frame", {
          hidden_states: { dtype: "float32", shape: [1, T, H], values: range(T * H) },
          gate_values: { dtype: "float32", shape: [1, 0, T, H], values: [] },
          cell_states: { dtype: "float32", shape: [0], values: [] },
          text_sample: { dtype: "int32", shape: [0], values: [] },
          text_vocabulary: { dtype: "int32", shape: [0], values: [] },
        }),
      ) as DecodedFrame,
    );
    expect(rnn.gates?.shape[1]).toBe(0);
    expect(rnn.cells).toBeNull();
    expect(rnn.sample).toBeNull();
    expect(rnn.vocabulary).toEqual([]);
    expect(rnn.inputs).toBeNull(); // not subscribed: absent, not an error
  });

  it("counts the test sequences of the data message, whose targets are one row of P per sequence", () => {
    const data = readTargets(
      decodeBinary(
        message("data", {
          x_train: { dtype: "float32", shape: [3, T], values: range(3 * T) },
          y_train: { dtype: "float32", shape: [3, 1], values: [0.5, 1, 1.5] },
          x_test: { dtype: "float32", shape: [2, T], values: range(2 * T) },
          y_test: { dtype: "float32", shape: [2, 1], values: [0.25, 0.75] },
        }),
      ) as DecodedData,
    );
    expect(data.tests).toBe(2);
    expect([...data.train!]).toEqual([0.5, 1, 1.5]);
  });
});
