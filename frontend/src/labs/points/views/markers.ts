// How a data point is drawn: its label's colour and, so that classes are told apart without
// colour too, its label's shape (a circle for the first class or +1, a square for −1, then
// triangle, diamond, ...). Test points are hollow shapes of the same kind.

import type { Problem } from "../../../shell/settings";
import { CLASS_COLORS, divergingColor, NEGATIVE, POSITIVE, type RGB } from "../../../shell/views/colormap";

export type Marker = "circle" | "square" | "triangle" | "diamond" | "triangle-down" | "star" | "plus" | "hexagon";

/** One shape per class, as many as CLASS_COLORS has colours. */
export const MARKERS: readonly Marker[] = ["circle", "square", "triangle", "diamond", "triangle-down", "star", "plus", "hexagon"];

/** The colour a label is drawn in. */
export function labelColor(problem: Problem, label: number): RGB {
  if (problem === "multiclass") return CLASS_COLORS[Math.max(0, Math.round(label)) % CLASS_COLORS.length]!;
  if (problem === "binary") return label < 0 ? NEGATIVE : POSITIVE;
  return divergingColor(label);
}

/** The shape a label is drawn as; a regression's values are all circles (their colour is the value). */
export function labelMarker(problem: Problem, label: number): Marker {
  if (problem === "multiclass") return MARKERS[Math.max(0, Math.round(label)) % MARKERS.length]!;
  if (problem === "binary") return label < 0 ? "square" : "circle";
  return "circle";
}

/** `n` corners on a circle of radius r around (x, y), the first at angle `start`. */
function regular(n: number, start: number, x: number, y: number, r: number): [number, number][] {
  return Array.from({ length: n }, (_, i) => [x + r * Math.cos(start + (2 * Math.PI * i) / n), y + r * Math.sin(start + (2 * Math.PI * i) / n)]);
}

/** The corners of a marker of size r (about the radius of a circle of the same weight) at
 *  (x, y), in canvas coordinates (y down); a circle has none. */
export function markerCorners(marker: Marker, x: number, y: number, r: number): [number, number][] {
  const up = -Math.PI / 2;
  switch (marker) {
    case "circle":
      return [];
    case "square":
      return regular(4, Math.PI / 4, x, y, r * 1.25);
    case "triangle":
      return regular(3, up, x, y + r * 0.2, r * 1.45);
    case "triangle-down":
      return regular(3, -up, x, y - r * 0.2, r * 1.45);
    case "diamond":
      return regular(4, 0, x, y, r * 1.4);
    case "hexagon":
      return regular(6, 0, x, y, r * 1.15);
    case "star":
      return regular(10, up, x, y, r * 1.6).map(([px, py], i) => (i % 2 === 0 ? [px, py] : [x + (px - x) * 0.45, y + (py - y) * 0.45]));
    case "plus": {
      const [a, b] = [r * 0.45, r * 1.35];
      const arm: [number, number][] = [[a, -b], [a, -a], [b, -a], [b, a], [a, a], [a, b], [-a, b], [-a, a], [-b, a], [-b, -a], [-a, -a], [-a, -b]];
      return arm.map(([dx, dy]) => [x + dx, y + dy]);
    }
  }
}

/** Start a path of the marker on `ctx` (fill or stroke it after). */
export function traceMarker(ctx: CanvasRenderingContext2D, marker: Marker, x: number, y: number, r: number): void {
  ctx.beginPath();
  const corners = markerCorners(marker, x, y, r);
  if (corners.length === 0) {
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    return;
  }
  ctx.moveTo(...corners[0]!);
  for (const corner of corners.slice(1)) ctx.lineTo(...corner);
  ctx.closePath();
}
