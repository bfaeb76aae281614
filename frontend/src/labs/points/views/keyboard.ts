// What the arrow keys do in the 2D lab's own widgets, as pure arithmetic: choosing a link
// of the diagram, and moving the output plot's cursor over the input plane.

import { PLANE_EXTENT } from "../../../protocol/constants";

/** A link: into node `index` of `column` from node `source` of the column before. */
export interface LinkRef {
  column: number;
  index: number;
  source: number;
}

/** The links in reading order: layer by layer, each target's incoming links top to bottom. */
export function linkAt(sizes: readonly number[], n: number): LinkRef {
  let rest = n;
  for (let c = 1; c < sizes.length; c++) {
    const count = sizes[c - 1]! * sizes[c]!;
    if (rest < count) return { column: c, index: Math.floor(rest / sizes[c - 1]!), source: rest % sizes[c - 1]! };
    rest -= count;
  }
  throw new RangeError(`no link ${n} in a network of ${sizes.join("-")}`);
}

/** The number of links, and where each layer's first link is in the order of linkAt. */
export function layerStarts(sizes: readonly number[]): number[] {
  const starts = [0];
  for (let c = 1; c < sizes.length; c++) starts.push(starts.at(-1)! + sizes[c - 1]! * sizes[c]!);
  return starts; // the last entry is the total
}

/** The link chosen after `key` from link `n`: ↓/↑ the next or previous link, →/← the first
 *  link of the next or previous layer; null for other keys. Wraps around at the ends. */
export function nextLink(sizes: readonly number[], n: number, key: string): number | null {
  const starts = layerStarts(sizes);
  const total = starts.pop()!;
  if (total === 0) return null;
  const layer = starts.filter((s) => s <= n).length - 1;
  switch (key) {
    case "ArrowDown":
      return (n + 1) % total;
    case "ArrowUp":
      return (n - 1 + total) % total;
    case "ArrowRight":
      return starts[(layer + 1) % starts.length]!;
    case "ArrowLeft":
      return starts[(layer - 1 + starts.length) % starts.length]!;
    default:
      return null;
  }
}

/** Plane units an arrow key moves the plot's cursor (four times as far with Shift). */
export const CURSOR_STEP = 0.25;

/** The cursor (x1, x2) moved by an arrow key, kept on the plane; null for other keys. */
export function moveCursor([x1, x2]: readonly [number, number], key: string, fast: boolean): [number, number] | null {
  const step = CURSOR_STEP * (fast ? 4 : 1);
  const d: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
  const move = d[key];
  if (move === undefined) return null;
  const clamp = (v: number): number => Math.max(-PLANE_EXTENT, Math.min(PLANE_EXTENT, Math.round(v / CURSOR_STEP) * CURSOR_STEP));
  return [clamp(x1 + move[0]), clamp(x2 + move[1])];
}
