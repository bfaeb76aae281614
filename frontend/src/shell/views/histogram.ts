// A small bar chart of one histogram (counts in equal bins over [-limit, limit]), drawn
// on a canvas every frame, with its value axis under it (−limit and limit; a faint line
// in the chart marks zero). Bar heights follow the square root of the count, so a spike
// (ReLU's many zeros) does not flatten everything else.

import { formatTick } from "./colorBar";
import { h, setText } from "./dom";

export const HISTOGRAM_WIDTH = 96; // canvas pixels; CSS sets the shown size
export const HISTOGRAM_HEIGHT = 32;

export function drawHistogram(canvas: HTMLCanvasElement, counts: ArrayLike<number>, color: string): void {
  const ctx = canvas.getContext("2d");
  if (ctx === null) return;
  const { width, height } = canvas;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = "#d0d3d6";
  ctx.fillRect(Math.floor(width / 2), 0, 1, height);
  let max = 0;
  for (let i = 0; i < counts.length; i++) max = Math.max(max, counts[i]!);
  if (max <= 0) return;
  const bar = width / counts.length;
  ctx.fillStyle = color;
  for (let i = 0; i < counts.length; i++) {
    const tall = Math.sqrt(counts[i]! / max) * (height - 1);
    if (tall > 0) ctx.fillRect(i * bar + 0.5, height - tall, Math.max(1, bar - 1), tall);
  }
}

/** The value axis under a histogram: the values at its ends. */
export class HistogramAxis {
  readonly element: HTMLElement;
  private readonly low = h("span", {});
  private readonly high = h("span", {});

  constructor() {
    this.element = h("div", { class: "histogram-axis", title: "Values from −limit to limit, zero at the faint line; bar heights: √count" }, this.low, this.high);
  }

  show(limit: number): void {
    setText(this.low, formatTick(-limit));
    setText(this.high, formatTick(limit));
  }
}
