// Where the diagram's nodes and links go, as pure arithmetic so it can be tested:
// columns spread evenly across the width, nodes stacked from the top of each column,
// every node the same size, as large as both the widest column gap and the tallest
// column allow. A column too tall for legible nodes (16 neurons on a laptop) is drawn
// compact: its nodes zig-zag between two or three lanes, each a fraction of a row below
// the last, which uses the width between columns to make them two or three times larger.
// The inputs stay one column, for their names' sake.

export interface NodeBox {
  column: number;
  index: number;
  /** Centre, in CSS pixels from the diagram's top left. */
  x: number;
  y: number;
}

export interface Layout {
  size: number;
  /** The centre of each column (a compact column's lanes sit either side of it). */
  columns: number[];
  nodes: NodeBox[][];
  height: number;
  /** Whether some column zig-zags: its links are many and close, to be drawn thinner. */
  compact: boolean;
}

export const MIN_NODE = 18;
export const MAX_NODE = 52;
const PAD = 6;
const ROW = 1.3; // a row's height, in node sizes
const LANE = 1.2; // the distance between a compact column's lanes, in node sizes
const MAX_LANES = 3;

/** `sizes` are the node counts per column; `width` and `maxHeight` the room there is. */
export function layoutNetwork(sizes: readonly number[], width: number, maxHeight: number): Layout {
  const columns = Math.max(1, sizes.length);
  const room = maxHeight - 2 * PAD;
  const gap = columns > 1 ? (width - 2 * PAD) / (columns - 1) : width;
  const inputs = sizes[0] ?? 1;
  const tallest = Math.max(1, ...sizes.slice(1));
  /** The node size with `lanes` lanes: the lanes and a node's width of links fit the gap
   *  (one lane: a node takes at most half of it), the tallest column and the inputs the room. */
  const sizeFor = (lanes: number): number => {
    const across = lanes === 1 ? gap * 0.5 : gap / ((lanes - 1) * LANE + 2);
    const size = Math.min(across, room / ((tallest - 1) * (ROW / lanes) + 1), room / ((inputs - 1) * ROW + 1));
    return Math.floor(Math.max(MIN_NODE, Math.min(MAX_NODE, size)));
  };
  // More lanes only where they make the nodes clearly larger.
  let lanes = 1;
  for (let more = 2; more <= MAX_LANES && sizes.length > 1; more++) if (sizeFor(more) > sizeFor(lanes) * 1.15) lanes = more;
  const size = lanes === 1 ? Math.floor(Math.max(MIN_NODE, Math.min(MAX_NODE, gap * 0.5, room / Math.max(inputs, tallest) / ROW))) : sizeFor(lanes);
  const row = size * ROW;
  const spread = (lanes - 1) * LANE * size; // a compact column's width, centre to centre
  const span = width - 2 * PAD - size - spread;
  const x = (c: number): number => PAD + size / 2 + spread / 2 + (columns > 1 ? (span * c) / (columns - 1) : span / 2);
  const nodes = sizes.map((count, c) => {
    // Lanes only for columns that would not fit as one.
    const own = c > 0 && ((count - 1) * ROW + 1) * size > room ? lanes : 1;
    return Array.from({ length: count }, (_, i) => ({
      column: c,
      index: i,
      x: x(c) + ((i % own) - (own - 1) / 2) * LANE * size,
      y: PAD + size / 2 + (i * row) / own,
    }));
  });
  const bottom = Math.max(PAD + size / 2, ...nodes.flat().map((n) => n.y));
  return { size, columns: sizes.map((_, c) => x(c)), nodes, height: Math.ceil(bottom + size / 2 + PAD), compact: lanes > 1 };
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
