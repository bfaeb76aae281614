// Where the diagram's nodes and links go, as pure arithmetic so it can be tested:
// columns spread evenly across the width, nodes stacked from the top of each column,
// every node the same size, as large as both the widest column gap and the tallest
// column allow.

export interface NodeBox {
  column: number;
  index: number;
  /** Centre, in CSS pixels from the diagram's top left. */
  x: number;
  y: number;
}

export interface Layout {
  size: number;
  columns: number[];
  nodes: NodeBox[][];
  height: number;
}

export const MIN_NODE = 18;
export const MAX_NODE = 52;
const PAD = 6;

/** `sizes` are the node counts per column; `width` and `maxHeight` the room there is. */
export function layoutNetwork(sizes: readonly number[], width: number, maxHeight: number): Layout {
  const columns = Math.max(1, sizes.length);
  const tallest = Math.max(1, ...sizes);
  const gap = columns > 1 ? (width - 2 * PAD) / (columns - 1) : width;
  // A node takes at most half its column gap (room for links) and 1/1.3 of its row.
  const size = Math.floor(Math.max(MIN_NODE, Math.min(MAX_NODE, gap * 0.5, (maxHeight - 2 * PAD) / tallest / 1.3)));
  const row = size * 1.3;
  const span = width - 2 * PAD - size;
  const x = (c: number): number => PAD + size / 2 + (columns > 1 ? (span * c) / (columns - 1) : span / 2);
  const nodes = sizes.map((count, c) => Array.from({ length: count }, (_, i) => ({ column: c, index: i, x: x(c), y: PAD + size / 2 + i * row })));
  return { size, columns: sizes.map((_, c) => x(c)), nodes, height: Math.ceil(2 * PAD + (tallest - 1) * row + size) };
}

export type Curve = [x0: number, y0: number, cx0: number, cx1: number, x1: number, y1: number];

/** The S-shaped link from `from`'s right edge to `to`'s left edge (a cubic Bézier). */
export function linkCurve(from: NodeBox, to: NodeBox, size: number): Curve {
  const x0 = from.x + size / 2;
  const x1 = to.x - size / 2;
  const mid = (x0 + x1) / 2;
  return [x0, from.y, mid, mid, x1, to.y];
}

/** A point on the curve at t in [0, 1]. */
export function curvePoint([x0, y0, cx0, cx1, x1, y1]: Curve, t: number): [number, number] {
  const u = 1 - t;
  const x = u * u * u * x0 + 3 * u * u * t * cx0 + 3 * u * t * t * cx1 + t * t * t * x1;
  const y = u * u * u * y0 + 3 * u * u * t * y0 + 3 * u * t * t * y1 + t * t * t * y1;
  return [x, y];
}

/** How far (px) a point lies from the curve, measured against 16 straight pieces. */
export function distanceToCurve(curve: Curve, px: number, py: number): number {
  let best = Infinity;
  let [ax, ay] = curvePoint(curve, 0);
  for (let i = 1; i <= 16; i++) {
    const [bx, by] = curvePoint(curve, i / 16);
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(px - (ax + t * dx), py - (ay + t * dy)));
    [ax, ay] = [bx, by];
  }
  return best;
}
