// The output plot: the network's output over the input plane as a heatmap, with the
// data points on top. The server sends a quantized R x R grid; each of the 256 levels
// gets its colour once (a lookup table), the grid is painted at R x R and the browser
// upscales it smoothly, which costs almost nothing per frame.

import { cssColor, divergingColor, NEGATIVE, POSITIVE } from "./colormap";

/** The plotted square of the input plane: x1, x2 in [-EXTENT, EXTENT]. */
export const EXTENT = 6;

export interface Grid {
  /** Row-major, row 0 = largest x2 (top), column 0 = smallest x1 (left). */
  values: Uint8Array;
  rows: number;
  cols: number;
  /** The real values of q = 0 and q = 255. */
  low: number;
  high: number;
}

export interface Points {
  /** x1, x2 pairs. */
  xy: Float32Array;
  /** +1 or -1, one per point. */
  labels: Float32Array;
}

/** The real values of a quantized grid: low + q / 255 * (high - low). */
export function dequantize(q: Uint8Array, low: number, high: number): Float32Array {
  const out = new Float32Array(q.length);
  const scale = (high - low) / 255;
  for (let i = 0; i < q.length; i++) out[i] = low + q[i]! * scale;
  return out;
}

const LEVELS = Uint8Array.from({ length: 256 }, (_, q) => q);

/** RGBA for each of the 256 quantized levels, given the range they map to. */
export function levelColors(low: number, high: number): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 4);
  dequantize(LEVELS, low, high).forEach((value, q) => {
    lut.set(divergingColor(value), q * 4);
    lut[q * 4 + 3] = 255;
  });
  return lut;
}

/** Where an input-plane point lands on a canvas of the given size. */
export function toCanvas(x1: number, x2: number, width: number, height: number): [number, number] {
  return [((x1 + EXTENT) / (2 * EXTENT)) * width, ((EXTENT - x2) / (2 * EXTENT)) * height];
}

const POINT_RADIUS = 3.5; // CSS px

export class HeatmapView {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly grid = document.createElement("canvas");
  private image: ImageData | null = null;
  private lut: { low: number; high: number; colors: Uint8ClampedArray } | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext("2d");
    if (ctx === null) throw new Error("2D canvas is not available");
    this.ctx = ctx;
  }

  draw(grid: Grid | null, train: Points | null, test: Points | null): void {
    const { ctx, canvas } = this;
    const scale = window.devicePixelRatio || 1;
    const width = Math.round(canvas.clientWidth * scale) || canvas.width;
    const height = Math.round(canvas.clientHeight * scale) || canvas.height;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    if (grid !== null) this.drawGrid(grid, width, height);
    ctx.scale(scale, scale);
    const cssWidth = width / scale;
    const cssHeight = height / scale;
    if (train !== null) this.drawPoints(train, cssWidth, cssHeight, "#ffffff");
    if (test !== null) this.drawPoints(test, cssWidth, cssHeight, "#222222");
  }

  private drawGrid(grid: Grid, width: number, height: number): void {
    const { rows, cols, values } = grid;
    if (this.lut?.low !== grid.low || this.lut.high !== grid.high) {
      this.lut = { low: grid.low, high: grid.high, colors: levelColors(grid.low, grid.high) };
    }
    const colors = this.lut.colors;
    if (this.grid.width !== cols || this.grid.height !== rows) {
      this.grid.width = cols;
      this.grid.height = rows;
    }
    const gridCtx = this.grid.getContext("2d");
    if (gridCtx === null) return;
    if (this.image?.width !== cols || this.image.height !== rows) this.image = gridCtx.createImageData(cols, rows);
    const image = this.image;
    const pixels = image.data;
    for (let i = 0; i < Math.min(values.length, rows * cols); i++) {
      const at = values[i]! * 4;
      pixels[i * 4] = colors[at]!;
      pixels[i * 4 + 1] = colors[at + 1]!;
      pixels[i * 4 + 2] = colors[at + 2]!;
      pixels[i * 4 + 3] = 255;
    }
    gridCtx.putImageData(image, 0, 0);
    // The server samples the plane at linspace(-6, 6, R): the first and last samples sit
    // on the plot's edges, so each grid pixel's centre is placed on its sample by
    // letting the image overhang the canvas by half a cell on every side.
    const cellW = width / Math.max(1, cols - 1);
    const cellH = height / Math.max(1, rows - 1);
    this.ctx.imageSmoothingEnabled = true;
    this.ctx.imageSmoothingQuality = "high";
    this.ctx.drawImage(this.grid, -cellW / 2, -cellH / 2, width + cellW, height + cellH);
  }

  private drawPoints(points: Points, width: number, height: number, stroke: string): void {
    const { ctx } = this;
    const count = Math.min(points.labels.length, points.xy.length / 2);
    ctx.lineWidth = 1;
    ctx.strokeStyle = stroke;
    // Two passes, one per colour, so the fill style changes twice, not per point.
    for (const [sign, colour] of [[-1, NEGATIVE], [1, POSITIVE]] as const) {
      ctx.fillStyle = cssColor(colour);
      ctx.beginPath();
      for (let i = 0; i < count; i++) {
        if (Math.sign(points.labels[i]!) !== sign) continue;
        const [x, y] = toCanvas(points.xy[2 * i]!, points.xy[2 * i + 1]!, width, height);
        ctx.moveTo(x + POINT_RADIUS, y);
        ctx.arc(x, y, POINT_RADIUS, 0, 2 * Math.PI);
      }
      ctx.fill();
      ctx.stroke();
    }
  }
}
