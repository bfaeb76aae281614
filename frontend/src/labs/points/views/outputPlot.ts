// The output plot: the network's output over the input plane (the decision boundary,
// the class regions or the regression surface) with the data points on top. In "draw
// points" mode a click adds a point where it lands.

import { PLANE_EXTENT as EXTENT } from "../../../protocol/constants";
import type { Problem } from "../../../shell/settings";
import type { FrameView } from "../../../shell/state";
import { CLASS_COLORS, classTable, cssColor, divergingColor, levelTable, NEGATIVE, POSITIVE, valueColor, type RGB } from "../../../shell/views/colormap";
import type { Points, PointsFrame, PointSets } from "../frame";
import { MapImage } from "./mapImage";

/** Where an input-plane point (x1, x2 in [-EXTENT, EXTENT]) lands on a canvas of the given size. */
export function toCanvas(x1: number, x2: number, width: number, height: number): [number, number] {
  return [((x1 + EXTENT) / (2 * EXTENT)) * width, ((EXTENT - x2) / (2 * EXTENT)) * height];
}

/** The input-plane point under a canvas position. */
export function toPlane(x: number, y: number, width: number, height: number): [number, number] {
  const clamp = (v: number): number => Math.max(-EXTENT, Math.min(EXTENT, v));
  return [clamp((x / width) * 2 * EXTENT - EXTENT), clamp(EXTENT - (y / height) * 2 * EXTENT)];
}

/** The colour a label is drawn in. */
export function labelColor(problem: Problem, label: number): RGB {
  if (problem === "multiclass") return CLASS_COLORS[Math.max(0, Math.round(label)) % CLASS_COLORS.length]!;
  if (problem === "binary") return label < 0 ? NEGATIVE : POSITIVE;
  return divergingColor(label);
}

export interface PlotInput {
  frame: FrameView<PointsFrame> | null;
  data: PointSets | null;
  problem: Problem;
  classes: number;
  showTest: boolean;
  discretize: boolean;
}

const POINT_RADIUS = 3.5; // CSS px

export class OutputPlot {
  /** Whether a click adds a point (see onDraw). */
  drawMode = false;
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
      if (!this.drawMode) return;
      const rect = canvas.getBoundingClientRect();
      onDraw(...toPlane(event.clientX - rect.left, event.clientY - rect.top, rect.width, rect.height));
    });
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
    if (input.data?.train) this.drawPoints(input.data.train, input.problem, w, h, "#ffffff");
    if (input.showTest && input.data?.test) this.drawPoints(input.data.test, input.problem, w, h, "#222222");
  }

  private updateTable(input: PlotInput, low: number, high: number): void {
    const key = `${input.problem}|${input.classes}|${low}|${high}|${input.discretize}`;
    if (key === this.tableKey) return;
    this.tableKey = key;
    this.colors = input.problem === "multiclass" ? classTable(input.classes, low, high, input.discretize) : levelTable(low, high, valueColor(input.discretize));
  }

  private drawPoints(points: Points, problem: Problem, width: number, height: number, stroke: string): void {
    const { ctx } = this;
    const count = Math.min(points.labels.length, points.xy.length / 2);
    ctx.lineWidth = 1;
    ctx.strokeStyle = stroke;
    for (let i = 0; i < count; i++) {
      const [x, y] = toCanvas(points.xy[2 * i]!, points.xy[2 * i + 1]!, width, height);
      ctx.fillStyle = cssColor(labelColor(problem, points.labels[i]!));
      ctx.beginPath();
      ctx.arc(x, y, POINT_RADIUS, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }
}
