// The images lab's part of a frame (kernels, the probe's feature maps, probabilities and
// saliency, each test image's prediction, the confusion matrix) and of the data message
// (the digits, each flattened), as its views read them: views into the received buffer.

import { readArray, type DecodedData, type DecodedFrame, type NameOfDtype } from "../../protocol/codec";

/** Arrays laid one after another, each of the shape given by one row of `shapes`. */
export interface Stack {
  values: Float32Array;
  shapes: readonly (readonly number[])[];
}

export interface ImagesFrame {
  /** Each convolution layer's kernels, (kernel, kernel, in, out) row-major. */
  kernels: Stack | null;
  kernelGrads: Float32Array | null;
  /** The probe's feature maps, each layer (side, side, filters). */
  maps: Stack | null;
  /** The probe image (side x side), and its class: -1 for the user's drawing. */
  probe: Float32Array | null;
  /** Pixels per side of the images (the probe's, as received: 8 digits, 28 Fashion-MNIST). */
  side: number | null;
  probeLabel: number | null;
  probabilities: Float32Array | null;
  saliency: Float32Array | null;
  predictions: Int32Array | null;
  /** Test images by true class (rows) and predicted class (columns), 10 x 10. */
  confusion: Int32Array | null;
}

function rows(values: Int32Array, width: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + width <= values.length; i += width) out.push([...values.subarray(i, i + width)]);
  return out;
}

export function readImagesFrame(frame: DecodedFrame): ImagesFrame {
  const float = (name: NameOfDtype<"frame", "float32">): Float32Array | null => readArray(frame, name)?.values ?? null;
  const int = (name: NameOfDtype<"frame", "int32">): Int32Array | null => readArray(frame, name)?.values ?? null;
  const stack = (values: Float32Array | null, shapes: Int32Array | null, width: number): Stack | null =>
    values === null || shapes === null ? null : { values, shapes: rows(shapes, width) };
  return {
    kernels: stack(float("kernels"), int("kernel_shapes"), 4),
    kernelGrads: float("kernel_grads"),
    maps: stack(float("feature_maps"), int("map_shapes"), 3),
    probe: float("probe"),
    side: readArray(frame, "probe")?.spec.shape[0] ?? null,
    probeLabel: int("probe_label")?.[0] ?? null,
    probabilities: float("probabilities"),
    saliency: float("saliency"),
    predictions: int("predictions"),
    confusion: int("confusion"),
  };
}

export interface Images {
  /** Pixels in [0, 1], image after image, row by row. */
  pixels: Float32Array;
  labels: Float32Array;
  count: number;
}

export interface ImageSets {
  train: Images | null;
  test: Images | null;
  /** Pixels per side. */
  side: number;
}

export function readImages(data: DecodedData): ImageSets {
  const images = (x: "x_train" | "x_test", y: "y_train" | "y_test"): Images | null => {
    const pixels = readArray(data, x);
    const labels = readArray(data, y)?.values;
    return pixels === undefined || labels === undefined ? null : { pixels: pixels.values, labels, count: labels.length };
  };
  const test = images("x_test", "y_test");
  const width = readArray(data, "x_test")?.spec.shape[1] ?? 64;
  return { train: images("x_train", "y_train"), test, side: Math.round(Math.sqrt(width)) };
}

/** The offset of layer `layer` in a stack. */
export function offsetOf(stack: Stack, layer: number): number {
  let offset = 0;
  for (let i = 0; i < layer; i++) offset += stack.shapes[i]!.reduce((a, b) => a * b, 1);
  return offset;
}
