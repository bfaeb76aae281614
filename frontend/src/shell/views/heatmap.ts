// A heatmap on a canvas of one pixel per cell, which CSS stretches (pixelated) to the
// column's width: the sequences lab's time x units (time left to right, units top to
// bottom), the attention lab's keys x queries. Values go through a 256-level colour table
// (shell/views/colormap.ts), and the ImageData is kept, so a frame's repaint allocates
// nothing.

import { levelTable, type RGB } from "./colormap";
import { h } from "./dom";

/** How tall a unit's row is drawn (CSS pixels): few units get taller rows. */
const rowHeight = (units: number): number => Math.max(3, Math.min(10, Math.floor(120 / Math.max(1, units))));

export class Heatmap {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D | null;
  private image: ImageData | null = null;
  private table: Uint8ClampedArray;
  private range: [number, number];

  constructor(label: string, low: number, high: number, private readonly color: (value: number) => RGB) {
    this.canvas = h("canvas", { class: "heatmap", width: 1, height: 1, role: "img", "aria-label": label });
    this.ctx = this.canvas.getContext("2d");
    this.range = [low, high];
    this.table = levelTable(low, high, color);
  }

  /** Paint `values` (steps x units, step after step) over [low, high] (the range given
   *  at construction unless this frame brings its own). */
  paint(values: Float32Array, steps: number, units: number, low = this.range[0], high = this.range[1]): void {
    if (this.ctx === null || steps === 0 || units === 0) return;
    if (low !== this.range[0] || high !== this.range[1]) {
      this.range = [low, high];
      this.table = levelTable(low, high, this.color);
    }
    if (this.image === null || this.image.width !== steps || this.image.height !== units) {
      this.canvas.width = steps;
      this.canvas.height = units;
      this.canvas.style.height = `${rowHeight(units) * units}px`;
      this.image = this.ctx.createImageData(steps, units);
    }
    const pixels = this.image.data;
    const scale = high > low ? 255 / (high - low) : 0;
    for (let t = 0; t < steps; t++) {
      for (let u = 0; u < units; u++) {
        const v = values[t * units + u]!;
        // NaN (a diverged network) takes the middle level.
        const q = Number.isNaN(v) ? 128 : Math.max(0, Math.min(255, Math.round((v - low) * scale)));
        const from = q << 2;
        const to = (u * steps + t) << 2;
        pixels[to] = this.table[from]!;
        pixels[to + 1] = this.table[from + 1]!;
        pixels[to + 2] = this.table[from + 2]!;
        pixels[to + 3] = 255;
      }
    }
    this.ctx.putImageData(this.image, 0, 0);
  }
}
