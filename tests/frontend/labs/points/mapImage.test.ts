import { describe, expect, it } from "vitest";

import { paintLevels } from "../../../../frontend/src/labs/points/views/mapImage";
import { CLASS_COLORS, classTable } from "../../../../frontend/src/shell/views/colormap";

describe("paintLevels", () => {
  it("fills RGBA pixels through the table, by class when given", () => {
    const pixels = new Uint8ClampedArray(2 * 4);
    const table = classTable(2, 0, 1, true);
    paintLevels(pixels, new Uint8Array([9, 7, 255]), 1, table, new Uint8Array([0, 1]));
    expect([...pixels.subarray(0, 3)]).toEqual([...CLASS_COLORS[0]!]);
    expect([...pixels.subarray(4, 7)]).toEqual([...CLASS_COLORS[1]!]);
    expect(pixels[3]).toBe(255);
  });
});
