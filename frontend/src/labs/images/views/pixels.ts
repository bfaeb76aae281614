// Small images painted pixel by pixel into a canvas at their own resolution (CSS scales
// them up, pixelated): digits in grey, weights and maps in the diverging colours.

import { divergingColor, type RGB } from "../../../shell/views/colormap";
import { h } from "../../../shell/views/dom";

export type Paint = (value: number) => RGB;

/** Ink on paper: 0 white, 1 black. */
export const grey: Paint = (value) => {
  const v = Math.round(255 * (1 - Math.max(0, Math.min(1, value))));
  return [v, v, v];
};

/** Weights, gradients and maps over [-limit, limit]: orange negative, blue positive. */
export const diverging = (limit: number): Paint => (value) => divergingColor(value / (limit || 1));

/** The largest magnitude among `count` values from `offset`. */
export function limitOf(values: ArrayLike<number>, offset = 0, count = values.length - offset): number {
  let limit = 0;
  for (let i = offset; i < offset + count; i++) limit = Math.max(limit, Math.abs(values[i]!));
  return limit;
}

/** A canvas of `side` x `side` pixels; `label` names it for screen readers. */
export function pixelCanvas(side: number, label: string, className = "pixels"): HTMLCanvasElement {
  return h("canvas", { class: className, width: side, height: side, role: "img", "aria-label": label });
}

/** Paint a side x side image whose pixel (row, column) is values[at(row, column)]. */
export function paint(canvas: HTMLCanvasElement, side: number, at: (row: number, column: number) => number, values: ArrayLike<number>, color: Paint): void {
  if (canvas.width !== side) canvas.width = canvas.height = side;
  const ctx = canvas.getContext("2d");
  if (ctx === null) return;
  const image = ctx.createImageData(side, side);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const [red, green, blue] = color(values[at(r, c)]!);
      const i = (r * side + c) * 4;
      image.data[i] = red;
      image.data[i + 1] = green;
      image.data[i + 2] = blue;
      image.data[i + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
}
