import { describe, expect, it } from "vitest";

import { divergingColor } from "../../frontend/src/views/colormap";
import { dequantize, EXTENT, levelColors, toCanvas } from "../../frontend/src/views/heatmap";

describe("dequantize", () => {
  it("maps 0 to low, 255 to high and levels in between linearly", () => {
    const values = dequantize(new Uint8Array([0, 51, 255, 128]), -1, 1);
    expect(values).toBeInstanceOf(Float32Array);
    expect(values[0]).toBe(-1);
    expect(values[1]).toBeCloseTo(-1 + (51 / 255) * 2, 6);
    expect(values[2]).toBeCloseTo(1, 6);
    expect(values[3]).toBeCloseTo(-1 + (128 / 255) * 2, 6);
  });

  it("matches the server's quantization round trip to within half a level", () => {
    // The server sends round((v - low) / (high - low) * 255); decoding must land within
    // half a level of v.
    const [low, high] = [-1.5, 2.5];
    const truth = [-1.5, -0.3, 0, 0.77, 2.5];
    const q = new Uint8Array(truth.map((v) => Math.round(((v - low) / (high - low)) * 255)));
    const back = dequantize(q, low, high);
    truth.forEach((v, i) => expect(Math.abs(back[i]! - v)).toBeLessThanOrEqual((high - low) / 255 / 2 + 1e-6));
  });
});

describe("levelColors", () => {
  it("colours each quantized level by its real value", () => {
    const lut = levelColors(-1, 1);
    expect(lut.length).toBe(256 * 4);
    expect([...lut.subarray(0, 4)]).toEqual([...divergingColor(-1), 255]);
    expect([...lut.subarray(255 * 4, 256 * 4)]).toEqual([...divergingColor(1), 255]);
    const mid = -1 + (128 / 255) * 2;
    expect([...lut.subarray(128 * 4, 129 * 4)]).toEqual([...divergingColor(mid), 255]);
  });

  it("respects a range other than [-1, 1]", () => {
    const lut = levelColors(0, 1); // all levels are >= 0: never orange
    expect([...lut.subarray(0, 3)]).toEqual([...divergingColor(0)]);
  });
});

describe("toCanvas", () => {
  it("puts (-6, 6) top left, (6, -6) bottom right and the origin in the middle", () => {
    expect(toCanvas(-EXTENT, EXTENT, 400, 400)).toEqual([0, 0]);
    expect(toCanvas(EXTENT, -EXTENT, 400, 400)).toEqual([400, 400]);
    expect(toCanvas(0, 0, 400, 300)).toEqual([200, 150]);
  });
});
