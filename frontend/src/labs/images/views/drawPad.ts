// A pad to draw a digit on, 8 x 8 pixels like the data: press and drag to ink (a soft brush
// that also greys the neighbours), then use it as the probe and watch the network read it
// while it trains.

import { button, h } from "../../../shell/views/dom";
import { grey, paint, pixelCanvas } from "./pixels";

export class DrawPad {
  private readonly pixels: Float32Array;
  private readonly canvas: HTMLCanvasElement;
  readonly root: HTMLElement;
  private drawing = false;

  constructor(
    root: HTMLElement,
    private readonly side: number,
    use: (pixels: number[] | null) => void,
  ) {
    this.pixels = new Float32Array(side * side);
    this.canvas = pixelCanvas(side, "Drawing pad: press and drag to draw a digit", "pixels pad");
    this.canvas.addEventListener("pointerdown", (event) => {
      this.drawing = true;
      this.canvas.setPointerCapture(event.pointerId);
      this.ink(event);
    });
    this.canvas.addEventListener("pointermove", (event) => this.drawing && this.ink(event));
    const stop = (): void => void (this.drawing = false);
    this.canvas.addEventListener("pointerup", stop);
    this.canvas.addEventListener("pointercancel", stop);
    this.root = h(
      "div",
      { class: "draw-pad" },
      this.canvas,
      h(
        "div",
        { class: "draw-buttons" },
        button("Use drawing", () => use([...this.pixels])),
        button("Clear", () => {
          this.pixels.fill(0);
          this.repaint();
        }),
        button("Test images", () => use(null), { "aria-label": "Probe the test images again" }),
      ),
    );
    root.append(this.root);
    this.repaint();
  }

  /** Ink the cell under the pointer fully and its four neighbours by half. */
  private ink(event: PointerEvent): void {
    const box = this.canvas.getBoundingClientRect();
    const column = Math.floor(((event.clientX - box.left) / box.width) * this.side);
    const row = Math.floor(((event.clientY - box.top) / box.height) * this.side);
    const add = (r: number, c: number, amount: number): void => {
      if (r < 0 || c < 0 || r >= this.side || c >= this.side) return;
      const i = r * this.side + c;
      this.pixels[i] = Math.min(1, this.pixels[i]! + amount);
    };
    add(row, column, 1);
    for (const [dr, dc] of [[-1, 0], [1, 0], [0, -1], [0, 1]] as const) add(row + dr, column + dc, 0.35);
    this.repaint();
  }

  private repaint(): void {
    paint(this.canvas, this.side, (r, c) => r * this.side + c, this.pixels, grey);
  }
}
