// The output plot: the network's output over the input plane (the decision boundary,
// the class regions or the regression surface), paled so that the data points on top
// stay readable, each point's class shown by colour and shape. In "draw points" mode a
// click (or Enter at the keyboard cursor, plotCursor.ts) adds a point where it lands.

import type { Problem } from "../../../shell/settings";
import type { FrameView } from "../../../shell/state";
import { classTable, cssColor, levelTable, lighten, valueColor } from "../../../shell/views/colormap";
import type { Points, PointsFrame, PointSets } from "../frame";
import { MapImage } from "./mapImage";
import { labelColor, labelMarker, traceMarker } from "./markers";
import { toCanvas, toPlane } from "./plane";
import { plotCursor } from "./plotCursor";

export interface PlotInput {
  frame: FrameView<PointsFrame> | null;
  data: PointSets | null;
  problem: Problem;
  classes: number;
  showTest: boolean;
  discretize: boolean;
}

const POINT_RADIUS = 3.5; // CSS px
/** How far the output map is blended towards white (as TensorFlow Playground does): full
 *  colour would hide the points of the class it predicts. */
export const MAP_LIGHTEN = 0.45;

export class OutputPlot {
  private drawing = false;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly map = new MapImage();
  private tableKey = "";
  private colors: Uint8ClampedArray | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    onDraw: (x1: number, x2: number) => void,
  ) {
    const ctx = canvas.getContext("2d");
    if (ctx === null) throw new Error("2D canvas is not available");
    this.ctx = ctx;
    canvas.addEventListener("click", (event) => {
      if (!this.drawing) return;
      const rect = canvas.getBoundingClientRect();
      onDraw(...toPlane(event.clientX - rect.left, event.clientY - rect.top, rect.width, rect.height));
    });
  }

  /** Whether a click (or Enter at the keyboard cursor) adds a point (see onDraw). */
  get drawMode(): boolean {
    return this.drawing;
  }

  set drawMode(on: boolean) {
    this.drawing = on;
    plotCursor(this.canvas).use("draw", on ? "draws a point there" : null);
  }

  /** The colours of the current output map (shared with the diagram's output node). */
  get table(): Uint8ClampedArray | null {
    return this.colors;
  }

  render(input: PlotInput): void {
    const { ctx, canvas } = this;
    const scale = window.devicePixelRatio || 1;
    const width = Math.round(canvas.clientWidth * scale) || canvas.width;
    const height = Math.round(canvas.clientHeight * scale) || canvas.height;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const output = input.frame?.output ?? null;
    if (output === null) return; // keep the last image rather than a blank square
    this.updateTable(input, output.low, output.high);
    this.map.paint(output.levels, 0, output.size, this.colors!, input.problem === "multiclass" ? (input.frame?.classes ?? undefined) : undefined);
    // The server samples the plane at linspace(-EXTENT, EXTENT, R): the first and last samples sit
    // on the edges, so the image overhangs by half a cell to centre each pixel on its sample.
    const cell = width / Math.max(1, output.size - 1);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(this.map.canvas, -cell / 2, -cell / 2, width + cell, height + cell);
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    const [w, h] = [width / scale, height / scale];
    if (input.data?.train) this.drawPoints(input.data.train, input.problem, w, h, false);
    if (input.showTest && input.data?.test) this.drawPoints(input.data.test, input.problem, w, h, true);
  }

  private updateTable(input: PlotInput, low: number, high: number): void {
    const key = `${input.problem}|${input.classes}|${low}|${high}|${input.discretize}`;
    if (key === this.tableKey) return;
    this.tableKey = key;
    const table = input.problem === "multiclass" ? classTable(input.classes, low, high, input.discretize) : levelTable(low, high, valueColor(input.discretize));
    this.colors = lighten(table, MAP_LIGHTEN);
  }

  /** Training points filled with a white rim; test points hollow, their outline on a white halo. */
  private drawPoints(points: Points, problem: Problem, width: number, height: number, hollow: boolean): void {
    const { ctx } = this;
    const count = Math.min(points.labels.length, points.xy.length / 2);
    for (let i = 0; i < count; i++) {
      const [x, y] = toCanvas(points.xy[2 * i]!, points.xy[2 * i + 1]!, width, height);
      const label = points.labels[i]!;
      const color = cssColor(labelColor(problem, label));
      traceMarker(ctx, labelMarker(problem, label), x, y, POINT_RADIUS);
      if (hollow) {
        ctx.lineWidth = 3;
        ctx.strokeStyle = "#ffffff";
        ctx.stroke();
        ctx.lineWidth = 1.5;
        ctx.strokeStyle = color;
        ctx.stroke();
      } else {
        ctx.fillStyle = color;
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.strokeStyle = "#ffffff";
        ctx.stroke();
      }
    }
  }
}
