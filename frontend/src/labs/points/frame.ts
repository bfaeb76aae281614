// The 2D lab's part of a frame (the output over the input plane, every neuron's map, the
// weights and their gradients) and of the data message (the training and test points), as
// its views read them: views into the received buffer, never copies.

import { readArray, type DecodedData, type DecodedFrame, type NameOfDtype } from "../../protocol/codec";
import type { ArrayName } from "../../protocol/constants";

/** A quantized map, or a stack of them: row 0 is the top of the plane (x2 = PLANE_EXTENT). */
export interface Maps {
  levels: Uint8Array;
  size: number;
}

export interface PointsFrame {
  output: (Maps & { low: number; high: number }) | null;
  classes: Uint8Array | null;
  /** One map per input feature, then per hidden neuron in layer order. */
  neurons: Maps | null;
  weights: Float32Array | null;
  biases: Float32Array | null;
  weightGrads: Float32Array | null;
  biasGrads: Float32Array | null;
}

export function readPointsFrame(frame: DecodedFrame): PointsFrame {
  const output = readArray(frame, "output");
  const neurons = readArray(frame, "neurons");
  const float = (name: NameOfDtype<"frame", "float32">): Float32Array | null => readArray(frame, name)?.values ?? null;
  return {
    output:
      output === undefined
        ? null
        : { levels: output.values, size: output.spec.shape[0] ?? 0, low: output.spec.low ?? -1, high: output.spec.high ?? 1 },
    classes: readArray(frame, "classes")?.values ?? null,
    neurons: neurons === undefined ? null : { levels: neurons.values, size: neurons.spec.shape[1] ?? 0 },
    weights: float("weights"),
    biases: float("biases"),
    weightGrads: float("weight_grads"),
    biasGrads: float("bias_grads"),
  };
}

export interface Points {
  /** x1, x2 pairs. */
  xy: Float32Array;
  /** One label per point: +1/-1, class index or value. */
  labels: Float32Array;
}

export interface PointSets {
  train: Points | null;
  test: Points | null;
}

export function readPoints(data: DecodedData): PointSets {
  const points = (x: ArrayName<"data">, y: ArrayName<"data">): Points | null => {
    const xy = readArray(data, x)?.values;
    const labels = readArray(data, y)?.values;
    return xy === undefined || labels === undefined ? null : { xy, labels };
  };
  return { train: points("x_train", "y_train"), test: points("x_test", "y_test") };
}
