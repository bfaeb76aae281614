import { describe, expect, it } from "vitest";

import { layoutNetwork, MIN_NODE, type NodeBox } from "../../../../frontend/src/labs/points/views/networkLayout";

/** Whether two nodes of `size` overlap (with a pixel to spare). */
const overlap = (a: NodeBox, b: NodeBox, size: number): boolean => Math.abs(a.x - b.x) < size - 1 && Math.abs(a.y - b.y) < size - 1;

describe("layoutNetwork's compact mode", () => {
  // 16 neurons per layer in a laptop's diagram: one plain column would shrink them to the minimum.
  const sizes = [7, 16, 16, 16, 1];
  const layout = layoutNetwork(sizes, 620, 360);

  it("zig-zags the tall columns between lanes so their nodes are larger than a plain column allows", () => {
    expect(layout.compact).toBe(true);
    const plainLimit = (360 - 12) / 16 / 1.3;
    expect(layout.size).toBeGreaterThan(plainLimit * 1.5);
    const lanes = new Set(layout.nodes[1]!.map((n) => n.x)).size;
    expect(lanes).toBeGreaterThanOrEqual(2);
    expect(lanes).toBeLessThanOrEqual(3);
  });

  it("keeps every node apart, within the room, and the inputs in one column", () => {
    const all = layout.nodes.flat();
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlap(all[i]!, all[j]!, layout.size)).toBe(false);
    expect(layout.height).toBeLessThanOrEqual(360);
    expect(Math.min(...all.map((n) => n.x - layout.size / 2))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...all.map((n) => n.x + layout.size / 2))).toBeLessThanOrEqual(620);
    expect(new Set(layout.nodes[0]!.map((n) => n.x)).size).toBe(1);
  });

  it("leaves a network that fits plainly as it was", () => {
    const small = layoutNetwork([2, 4, 2, 1], 600, 400);
    expect(small.compact).toBe(false);
    expect(small.nodes.every((column) => new Set(column.map((n) => n.x)).size === 1)).toBe(true);
    expect(small.size).toBeGreaterThan(MIN_NODE);
  });
});
