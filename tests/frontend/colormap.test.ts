import { describe, expect, it } from "vitest";

import { divergingColor, NEGATIVE, NEUTRAL, POSITIVE } from "../../frontend/src/views/colormap";

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
