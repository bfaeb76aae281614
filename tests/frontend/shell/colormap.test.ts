import { describe, expect, it } from "vitest";

import { CLASS_COLORS, classColor, classTable, depthColor, divergingColor, levelTable, lighten, NEGATIVE, NEUTRAL, POSITIVE, valueColor } from "../../../frontend/src/shell/views/colormap";

describe("divergingColor", () => {
  it("is Playground's orange at -1, near-white at 0 and blue at +1", () => {
    expect(divergingColor(-1)).toEqual([0xf5, 0x93, 0x22]);
    expect(divergingColor(0)).toEqual([0xe8, 0xea, 0xeb]);
    expect(divergingColor(1)).toEqual([0x08, 0x77, 0xbd]);
    expect([NEGATIVE, NEUTRAL, POSITIVE]).toEqual([divergingColor(-1), divergingColor(0), divergingColor(1)]);
  });

  it("keeps the midpoint light and the ends dark enough to tell apart", () => {
    const luminance = ([r, g, b]: readonly number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    expect(luminance(divergingColor(0))).toBeGreaterThan(220);
    expect(luminance(divergingColor(-1))).toBeLessThan(170);
    expect(luminance(divergingColor(1))).toBeLessThan(120);
  });

  it("interpolates linearly on each side", () => {
    expect(divergingColor(0.5)).toEqual([
      Math.round((0xe8 + 0x08) / 2), Math.round((0xea + 0x77) / 2), Math.round((0xeb + 0xbd) / 2),
    ]);
    expect(divergingColor(-0.5)).toEqual([
      Math.round((0xe8 + 0xf5) / 2), Math.round((0xea + 0x93) / 2), Math.round((0xeb + 0x22) / 2),
    ]);
  });

  it("clamps values outside [-1, 1] and shows NaN as neutral", () => {
    expect(divergingColor(-7)).toEqual(divergingColor(-1));
    expect(divergingColor(Infinity)).toEqual(divergingColor(1));
    expect(divergingColor(Number.NaN)).toEqual(divergingColor(0));
  });
});

describe("lookup tables", () => {
  it("colour each quantized level by its real value", () => {
    const table = levelTable(-1, 1, valueColor(false));
    expect(table.length).toBe(256 * 4);
    expect([...table.subarray(0, 4)]).toEqual([...divergingColor(-1), 255]);
    expect([...table.subarray(255 * 4, 256 * 4)]).toEqual([...divergingColor(1), 255]);
  });

  it("show only the sign when discretized", () => {
    const table = levelTable(-1, 1, valueColor(true));
    expect([...table.subarray(100 * 4, 100 * 4 + 3)]).toEqual([...NEGATIVE]);
    expect([...table.subarray(200 * 4, 200 * 4 + 3)]).toEqual([...POSITIVE]);
  });

  it("give each class its own colour, pale when unsure and full when sure", () => {
    const table = classTable(3, 0, 1, false);
    expect(table.length).toBe(3 * 256 * 4);
    const at = (cls: number, q: number) => [...table.subarray((cls * 256 + q) * 4, (cls * 256 + q) * 4 + 3)];
    expect(at(1, 255)).toEqual([...CLASS_COLORS[1]!]);
    expect(at(0, 0)).toEqual([...classColor(0, 0)]);
    const lightness = (rgb: number[]) => rgb[0]! + rgb[1]! + rgb[2]!;
    expect(lightness(at(2, 100))).toBeGreaterThan(lightness(at(2, 250)));
    expect([...classTable(3, 0, 1, true).subarray(4 * 10, 4 * 10 + 3)]).toEqual([...CLASS_COLORS[0]!]);
  });
});

describe("depthColor", () => {
  it("runs from light to dark, clamped at both ends", () => {
    const lightness = (t: number): number => depthColor(t).reduce((a, b) => a + b, 0);
    const ramp = [0, 0.25, 0.5, 0.75, 1].map(lightness);
    expect(ramp.every((v, i) => i === 0 || v < ramp[i - 1]!)).toBe(true);
    expect(depthColor(-1)).toEqual(depthColor(0));
    expect(depthColor(2)).toEqual(depthColor(1));
  });
});

describe("lighten", () => {
  it("blends every colour towards white, keeping the alpha and the table it was given", () => {
    const table = new Uint8ClampedArray([0, 100, 200, 255, 255, 255, 255, 255]);
    expect([...lighten(table, 0.5)]).toEqual([128, 178, 228, 255, 255, 255, 255, 255]);
    expect([...lighten(table, 0)]).toEqual([...table]);
    expect(table[0]).toBe(0);
  });
});
