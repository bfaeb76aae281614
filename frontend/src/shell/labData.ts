// What the labs whose data are examples with targets (sequences, attention) read the same
// way: an array with its shape, and the targets of the data message, split.

import { readArray, type DecodedData, type DecodedFrame, type NameOfDtype } from "../protocol/codec";

/** An array with its shape (the server's dims, e.g. (L, T, H)). */
export interface Grid {
  values: Float32Array;
  shape: readonly number[];
}

/** A float32 array of a frame with its shape, or null when the frame lacks it. */
export function gridOf(frame: DecodedFrame, name: NameOfDtype<"frame", "float32">): Grid | null {
  const found = readArray(frame, name);
  return found === undefined ? null : { values: found.values, shape: found.spec.shape };
}

/** What a page reads of the examples themselves: their targets (a row each), whose count
 *  the probe caption gives and a comparison checks for sameness. */
export interface Targets {
  train: Float32Array | null;
  test: Float32Array | null;
  /** Test examples. */
  tests: number;
}

export function readTargets(data: DecodedData): Targets {
  const test = readArray(data, "y_test");
  return { train: readArray(data, "y_train")?.values ?? null, test: test?.values ?? null, tests: test?.spec.shape[0] ?? 0 };
}
