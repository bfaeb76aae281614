import { describe, expect, it } from "vitest";

import { contourLevels, contourSegments, planeToCanvas, shade, unshade, type LossGrid } from "../../../frontend/src/shell/landscape";

function grid(size: number, f: (x: number, y: number) => number): LossGrid {
  const values = new Float32Array(size * size);
  for (let row = 0; row < size; row++) for (let col = 0; col < size; col++) values[row * size + col] = f(col, row);
  const finite = [...values].filter(Number.isFinite);
  return { values, size, low: Math.min(...finite), high: Math.max(...finite) };
}

const points = (segments: number[]): [number, number][] => Array.from({ length: segments.length / 2 }, (_, i) => [segments[2 * i]!, segments[2 * i + 1]!]);

describe("contourSegments", () => {
  it("puts every crossing of a plane exactly on the level's line", () => {
    const g = grid(9, (x, y) => x + 2 * y);
    const segments = contourSegments(g, 7.5);
    expect(segments.length).toBeGreaterThan(0);
    for (const [x, y] of points(segments)) expect(x + 2 * y).toBeCloseTo(7.5, 5);
  });

  it("closes a ring around a bowl's minimum, near the level's radius", () => {
    const g = grid(21, (x, y) => (x - 10) ** 2 + (y - 10) ** 2);
    const found = points(contourSegments(g, 36));
    expect(found.length).toBeGreaterThan(20);
    for (const [x, y] of found) expect(Math.hypot(x - 10, y - 10)).toBeCloseTo(6, 0);
    // Every endpoint is shared by two segments: the ring has no loose ends.
    const key = ([x, y]: [number, number]): string => `${x.toFixed(6)},${y.toFixed(6)}`;
    const counts = new Map<string, number>();
    for (const p of found) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 2)).toBe(true);
  });

  it("draws nothing for a level outside the grid and reads non-finite values as the highest", () => {
    expect(contourSegments(grid(5, (x) => x), 10)).toEqual([]);
    const g = grid(3, (x) => (x === 2 ? Infinity : x));
    expect(points(contourSegments(g, 1.5)).every(([x]) => x > 1 && x < 2)).toBe(true);
  });
});

describe("shades and levels", () => {
  it("maps low to 0 and high to 1, and unshade inverts shade", () => {
    expect(shade(2, 2, 10)).toBe(0);
    expect(shade(10, 2, 10)).toBeCloseTo(1, 10);
    expect(shade(Infinity, 2, 10)).toBe(1);
    for (const loss of [2.01, 2.5, 4, 9]) expect(unshade(shade(loss, 2, 10), 2, 10)).toBeCloseTo(loss, 8);
  });

  it("spaces levels more finely near the minimum", () => {
    const levels = contourLevels(0, 1, 6);
    expect(levels).toHaveLength(6);
    for (let i = 1; i < levels.length; i++) expect(levels[i]!).toBeGreaterThan(levels[i - 1]!);
    expect(levels[1]! - levels[0]!).toBeLessThan(levels[5]! - levels[4]!);
    expect(levels[0]!).toBeGreaterThan(0);
    expect(levels[5]!).toBeLessThan(1);
  });

  it("places the plane's corners and centre on the canvas", () => {
    expect(planeToCanvas(-1, 1, 1, 200, 100)).toEqual([0, 0]);
    expect(planeToCanvas(0, 0, 1, 200, 100)).toEqual([100, 50]);
    expect(planeToCanvas(2, -2, 2, 200, 100)).toEqual([200, 100]);
  });
});
