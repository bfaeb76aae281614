// Token or position embeddings projected on their two principal components: a dot per
// token (or position) with its number, on a canvas that rescales to the points each frame.
// For modular addition, the numbers arrange themselves on circles as the network groks.

import { h } from "../../../shell/views/dom";
import type { Grid } from "../../../shell/labData";

const SIZE = 220; // CSS pixels

export class EmbeddingMap {
  private readonly canvas: HTMLCanvasElement;

  constructor(root: HTMLElement, label: string, private readonly color: string) {
    this.canvas = h("canvas", { class: "embedding-map", width: SIZE, height: SIZE, role: "img", "aria-label": label });
    root.append(this.canvas);
  }

  /** `name`: what a row is called on the map (a token, "|", a position). */
  render(points: Grid, name: (row: number) => string): void {
    const ctx = this.canvas.getContext("2d");
    if (ctx === null) return;
    const ratio = window.devicePixelRatio || 1;
    if (this.canvas.width !== SIZE * ratio) {
      this.canvas.width = this.canvas.height = SIZE * ratio;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, SIZE, SIZE);
    const rows = points.shape[0] ?? 0;
    let extent = 1e-6;
    for (let i = 0; i < rows * 2; i++) extent = Math.max(extent, Math.abs(points.values[i]!));
    const scale = (SIZE / 2 - 14) / extent;
    ctx.font = "10px system-ui, sans-serif";
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    for (let r = 0; r < rows; r++) {
      const x = SIZE / 2 + points.values[2 * r]! * scale;
      const y = SIZE / 2 - points.values[2 * r + 1]! * scale;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      ctx.fillStyle = this.color;
      ctx.beginPath();
      ctx.arc(x, y, 3, 0, 2 * Math.PI);
      ctx.fill();
      if (rows <= 40 || r % Math.ceil(rows / 40) === 0) {
        ctx.fillStyle = "#444";
        ctx.fillText(name(r), x + 4, y);
      }
    }
  }
}
