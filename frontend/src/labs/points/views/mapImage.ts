// A quantized R x R map painted into a canvas at its own resolution; CSS or drawImage
// scales it up smoothly. The ImageData is kept and reused: painting a frame allocates
// nothing, it only reads a lookup table per pixel.

/** Colour `count` levels from `levels[offset...]` into `pixels` through a 256-entry RGBA table;
 *  with `classes`, entry classes[i] * 256 + level is used (multi-class maps). */
export function paintLevels(
  pixels: Uint8ClampedArray,
  levels: Uint8Array,
  offset: number,
  table: Uint8ClampedArray,
  classes?: Uint8Array,
): void {
  const count = Math.min(pixels.length >> 2, levels.length - offset);
  const entries = table.length >> 2;
  for (let i = 0; i < count; i++) {
    let entry = levels[offset + i]!;
    if (classes !== undefined) entry = Math.min(entries - 1, classes[i]! * 256 + entry);
    const from = entry << 2;
    const to = i << 2;
    pixels[to] = table[from]!;
    pixels[to + 1] = table[from + 1]!;
    pixels[to + 2] = table[from + 2]!;
    pixels[to + 3] = 255;
  }
}

export class MapImage {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private image: ImageData | null = null;

  constructor(canvas: HTMLCanvasElement = document.createElement("canvas")) {
    this.canvas = canvas;
    const ctx = canvas.getContext("2d");
    if (ctx === null) throw new Error("2D canvas is not available");
    this.ctx = ctx;
  }

  /** Paint an R x R map (R = `size`) starting at `offset` of `levels`. */
  paint(levels: Uint8Array, offset: number, size: number, table: Uint8ClampedArray, classes?: Uint8Array): void {
    if (this.image === null || this.image.width !== size) {
      this.canvas.width = this.canvas.height = size;
      this.image = this.ctx.createImageData(size, size);
    }
    paintLevels(this.image.data, levels, offset, table, classes);
    this.ctx.putImageData(this.image, 0, 0);
  }
}
