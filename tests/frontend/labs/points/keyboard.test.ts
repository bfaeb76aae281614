import { describe, expect, it } from "vitest";

import { CURSOR_STEP, layerStarts, linkAt, moveCursor, nextLink } from "../../../../frontend/src/labs/points/views/keyboard";
import { labelColor, labelMarker, markerCorners, MARKERS } from "../../../../frontend/src/labs/points/views/markers";
import { toCanvas, toPlane } from "../../../../frontend/src/labs/points/views/plane";
import { CLASS_COLORS, NEGATIVE, POSITIVE } from "../../../../frontend/src/shell/views/colormap";
import { PLANE_EXTENT } from "../../../../frontend/src/protocol/constants";

const SIZES = [2, 3, 1]; // 6 links into the hidden layer, 3 into the output

describe("choosing a link with the keyboard", () => {
  it("numbers the links layer by layer, each target's sources in order", () => {
    expect(layerStarts(SIZES)).toEqual([0, 6, 9]);
    expect(linkAt(SIZES, 0)).toEqual({ column: 1, index: 0, source: 0 });
    expect(linkAt(SIZES, 1)).toEqual({ column: 1, index: 0, source: 1 });
    expect(linkAt(SIZES, 2)).toEqual({ column: 1, index: 1, source: 0 });
    expect(linkAt(SIZES, 8)).toEqual({ column: 2, index: 0, source: 2 });
    expect(() => linkAt(SIZES, 9)).toThrow(RangeError);
  });

  it("steps with ↑/↓, jumps a layer with ←/→, wraps at both ends and ignores other keys", () => {
    expect(nextLink(SIZES, 0, "ArrowDown")).toBe(1);
    expect(nextLink(SIZES, 8, "ArrowDown")).toBe(0);
    expect(nextLink(SIZES, 0, "ArrowUp")).toBe(8);
    expect(nextLink(SIZES, 3, "ArrowRight")).toBe(6);
    expect(nextLink(SIZES, 7, "ArrowRight")).toBe(0);
    expect(nextLink(SIZES, 7, "ArrowLeft")).toBe(0);
    expect(nextLink(SIZES, 2, "ArrowLeft")).toBe(6);
    expect(nextLink(SIZES, 2, "a")).toBeNull();
    expect(nextLink([2], 0, "ArrowDown")).toBeNull(); // no links at all
  });
});

describe("the plot's cursor", () => {
  it("moves a step per arrow (x₂ up), four with Shift, and stays on the plane", () => {
    expect(moveCursor([0, 0], "ArrowRight", false)).toEqual([CURSOR_STEP, 0]);
    expect(moveCursor([0, 0], "ArrowUp", false)).toEqual([0, CURSOR_STEP]);
    expect(moveCursor([0, 0], "ArrowDown", true)).toEqual([0, -4 * CURSOR_STEP]);
    expect(moveCursor([PLANE_EXTENT, 0], "ArrowRight", true)).toEqual([PLANE_EXTENT, 0]);
    expect(moveCursor([0, 0], "Enter", false)).toBeNull();
  });

  it("lands where the plot draws the plane, and back", () => {
    expect(toCanvas(-PLANE_EXTENT, PLANE_EXTENT, 300, 300)).toEqual([0, 0]);
    expect(toCanvas(0, 0, 300, 300)).toEqual([150, 150]);
    expect(toPlane(...toCanvas(1.5, -2.25, 300, 300), 300, 300)).toEqual([1.5, -2.25]);
  });
});

describe("data point markers", () => {
  it("tell the classes apart by shape as well as colour", () => {
    expect(labelMarker("binary", 1)).toBe("circle");
    expect(labelMarker("binary", -1)).toBe("square");
    expect(labelColor("binary", 1)).toEqual(POSITIVE);
    expect(labelColor("binary", -1)).toEqual(NEGATIVE);
    const shapes = CLASS_COLORS.map((_, c) => labelMarker("multiclass", c));
    expect(new Set(shapes).size).toBe(CLASS_COLORS.length);
    expect(labelMarker("regression", 0.3)).toBe("circle");
  });

  it("are polygons centred on their point (a circle has no corners)", () => {
    expect(markerCorners("circle", 5, 5, 3)).toEqual([]);
    for (const marker of MARKERS.slice(1)) {
      const corners = markerCorners(marker, 10, 20, 4);
      expect(corners.length).toBeGreaterThanOrEqual(3);
      const xs = corners.map(([x]) => x);
      const ys = corners.map(([, y]) => y);
      expect(Math.abs((Math.max(...xs) + Math.min(...xs)) / 2 - 10)).toBeLessThan(0.5);
      expect(Math.abs((Math.max(...ys) + Math.min(...ys)) / 2 - 20)).toBeLessThan(1);
      expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(4);
    }
    const triangle = markerCorners("triangle", 0, 0, 4);
    expect(Math.min(...triangle.map(([, y]) => y))).toBeLessThan(-4); // points up (canvas y down)
  });
});
