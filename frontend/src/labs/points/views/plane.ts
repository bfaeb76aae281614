// Where the input plane (x1, x2 in [-EXTENT, EXTENT], x2 up) lands on a canvas, and back:
// the output plot, its cursor, the step-through's picking and the dataset thumbnails agree.

import { PLANE_EXTENT as EXTENT } from "../../../protocol/constants";

/** Where an input-plane point lands on a canvas of the given size. */
export function toCanvas(x1: number, x2: number, width: number, height: number): [number, number] {
  return [((x1 + EXTENT) / (2 * EXTENT)) * width, ((EXTENT - x2) / (2 * EXTENT)) * height];
}

/** The input-plane point under a canvas position. */
export function toPlane(x: number, y: number, width: number, height: number): [number, number] {
  const clamp = (v: number): number => Math.max(-EXTENT, Math.min(EXTENT, v));
  return [clamp((x / width) * 2 * EXTENT - EXTENT), clamp(EXTENT - (y / height) * 2 * EXTENT)];
}
