// The arithmetic of the loss-landscape view: where contour lines run (marching squares
// over the server's loss grid), which levels to draw, and how a loss maps to a shade.
// Losses span decades near a minimum, so shades and levels follow log(loss - low + δ).

/** A grid of size × size values, row 0 at the top (β = +span), column 0 at α = -span. */
export interface LossGrid {
  values: Float32Array;
  size: number;
  low: number;
  high: number;
}

/** A shade in [0, 1] for a loss: 0 at the lowest, 1 at the highest, log-spaced between. */
export function shade(loss: number, low: number, high: number): number {
  if (!Number.isFinite(loss)) return 1;
  const range = Math.max(high - low, 1e-12);
  const delta = range * 0.01;
  const t = Math.log((Math.max(loss, low) - low + delta) / delta) / Math.log((range + delta) / delta);
  return Math.min(1, Math.max(0, t));
}

/** The loss at a shade (the inverse of `shade`). */
export function unshade(t: number, low: number, high: number): number {
  const range = Math.max(high - low, 1e-12);
  const delta = range * 0.01;
  return low + delta * Math.exp(t * Math.log((range + delta) / delta)) - delta;
}

/** `count` contour levels evenly spaced in shade, strictly between low and high. */
export function contourLevels(low: number, high: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => unshade((i + 1) / (count + 1), low, high));
}

/**
 * Line segments where the grid crosses `level`, by marching squares with linear
 * interpolation along each cell edge: a flat list x0, y0, x1, y1, … in grid units
 * (x = column, y = row). Saddle cells take the reading that joins around the centre's value.
 */
export function contourSegments(grid: LossGrid, level: number): number[] {
  const { values, size } = grid;
  const out: number[] = [];
  const at = (row: number, col: number): number => {
    const v = values[row * size + col]!;
    return Number.isFinite(v) ? v : grid.high;
  };
  for (let row = 0; row + 1 < size; row++) {
    for (let col = 0; col + 1 < size; col++) {
      // Corners clockwise from the top left, and where each edge crosses the level.
      const c = [at(row, col), at(row, col + 1), at(row + 1, col + 1), at(row + 1, col)] as const;
      const corners: [number, number][] = [[col, row], [col + 1, row], [col + 1, row + 1], [col, row + 1]];
      const crossings: [number, number][] = [];
      for (let e = 0; e < 4; e++) {
        const a = c[e]!;
        const b = c[(e + 1) % 4]!;
        if ((a < level) === (b < level)) continue;
        const t = (level - a) / (b - a);
        const [x0, y0] = corners[e]!;
        const [x1, y1] = corners[(e + 1) % 4]!;
        crossings.push([x0 + t * (x1 - x0), y0 + t * (y1 - y0)]);
      }
      if (crossings.length === 2) {
        out.push(...crossings[0]!, ...crossings[1]!);
      } else if (crossings.length === 4) {
        const centreBelow = (c[0] + c[1] + c[2] + c[3]) / 4 < level;
        const order = centreBelow === c[0] < level ? [0, 1, 2, 3] : [1, 2, 3, 0];
        for (const pair of [order.slice(0, 2), order.slice(2)]) {
          out.push(...crossings[pair[0]!]!, ...crossings[pair[1]!]!);
        }
      }
    }
  }
  return out;
}

/** Canvas position of plane coordinates (α, β) in [-span, span]² on a width × height canvas
 *  whose edges are the grid's first and last samples. */
export function planeToCanvas(alpha: number, beta: number, span: number, width: number, height: number): [number, number] {
  return [((alpha + span) / (2 * span)) * width, ((span - beta) / (2 * span)) * height];
}
