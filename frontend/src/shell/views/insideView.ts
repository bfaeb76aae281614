// "Inside the network": each layer's gradient norm over time (one log-scale chart), and a
// table with a row per layer (hidden layers, then the output): its gradient norm now, its
// dead units, and live histograms of its weights, gradients and activations; the lab names
// what each layer is beside its number (the 2D lab: its activation). It draws only
// while on screen: it sits below the fold, and a page that trains should leave the CPU
// to the training.

import { HISTOGRAMS, layerName, layerReadings, type GradientNormHistory, type HistogramKind, type LayerReading } from "../layers";
import type { Context } from "../settings";
import type { SharedFrame } from "../state";
import { CLASS_COLORS, cssColor, NEGATIVE, POSITIVE } from "./colormap";
import { h, setText } from "./dom";
import { GradientChart, layerColor } from "./gradientChart";
import { drawHistogram, HISTOGRAM_HEIGHT, HISTOGRAM_WIDTH, HistogramAxis } from "./histogram";

export interface InsideInput {
  frame: SharedFrame | null;
  norms: GradientNormHistory;
  context: Context;
}

/** What parameter layer `layer` of `layers` is, shown under its name. */
export type LayerDetail = (context: Context, layer: number, layers: number) => string;

const HISTOGRAM_COLORS: Record<HistogramKind, string> = { weights: cssColor(POSITIVE), gradients: cssColor(NEGATIVE), activations: cssColor(CLASS_COLORS[2]!) };
const HISTOGRAM_TITLES: Record<HistogramKind, string> = { weights: "Weights", gradients: "Gradients", activations: "Activations" };

/** 7.4e-6: one digit after the point is enough to compare orders of magnitude. */
const formatNorm = (n: number): string => (n === 0 ? "0" : Number.isFinite(n) ? n.toExponential(1) : "–");

interface Row {
  detail: HTMLElement;
  norm: HTMLElement;
  dead: HTMLElement;
  histograms: Record<HistogramKind, { canvas: HTMLCanvasElement; axis: HistogramAxis }>;
}

function buildRow(layer: number, layers: number): [HTMLTableRowElement, Row] {
  const detail = h("span", { class: "layer-detail" });
  const norm = h("td", { class: "number", "data-stat": "grad-norm" });
  const dead = h("td", { class: "number", "data-stat": "dead" });
  const element = h(
    "tr",
    { "data-layer": layer },
    h("th", { scope: "row" }, h("span", { class: "swatch", style: `background:${layerColor(layer, layers)}` }), layerName(layer, layers), detail),
    norm,
    dead,
  );
  const histograms = {} as Row["histograms"];
  for (const kind of HISTOGRAMS) {
    const canvas = h("canvas", { width: HISTOGRAM_WIDTH, height: HISTOGRAM_HEIGHT, "aria-hidden": "true" });
    const axis = new HistogramAxis();
    histograms[kind] = { canvas, axis };
    element.append(h("td", { class: "histogram", "data-histogram": kind }, canvas, axis.element));
  }
  return [element, { detail, norm, dead, histograms }];
}

function showRow(row: Row, reading: LayerReading, detail: string, output: boolean): void {
  setText(row.detail, detail);
  setText(row.norm, formatNorm(reading.gradNorm));
  // Dead units say something about hidden layers only; the output has its own activation.
  setText(row.dead, output ? "–" : `${reading.dead} of ${reading.units}`);
  row.dead.classList.toggle("alarm", !output && reading.dead > 0);
  for (const kind of HISTOGRAMS) {
    const { counts, limit } = reading.histograms[kind];
    drawHistogram(row.histograms[kind].canvas, counts, HISTOGRAM_COLORS[kind]);
    row.histograms[kind].axis.show(limit);
  }
}

export class InsideView {
  private readonly chart: GradientChart;
  private readonly body = h("tbody");
  private rows: Row[] = [];
  private shape = "";
  private drawn: SharedFrame | null = null;
  private onScreen = true;

  /** `shown` is called when the panel scrolls into view, to draw it then. */
  constructor(
    root: HTMLElement,
    chartHeight: () => number,
    shown: () => void,
    private readonly detail: LayerDetail,
  ) {
    if (typeof IntersectionObserver !== "undefined") {
      new IntersectionObserver(([entry]) => {
        this.onScreen = entry?.isIntersecting ?? true;
        if (this.onScreen) shown();
      }).observe(root);
    }
    const chartBox = h("div", { class: "gradient-chart", role: "img", "aria-label": "Gradient norm of each layer against training step, on a logarithmic axis" });
    this.chart = new GradientChart(chartBox, chartHeight);
    const heads = ["Layer", "Gradient norm", "Dead units", ...HISTOGRAMS.map((k) => HISTOGRAM_TITLES[k])];
    const table = h("table", { class: "layer-table" }, h("thead", {}, h("tr", {}, ...heads.map((t) => h("th", { scope: "col" }, t)))), this.body);
    root.append(h("div", { class: "inside-chart" }, h("h3", {}, "Gradient norm per layer"), chartBox), h("div", { class: "inside-table" }, table));
  }

  render({ frame, norms, context }: InsideInput): void {
    if (!this.onScreen) return;
    this.chart.update(norms);
    if (frame === null || frame === this.drawn) return;
    const readings = layerReadings(frame);
    if (readings === null) return;
    this.drawn = frame;
    const shape = frame.header.layer_sizes.join();
    if (shape !== this.shape) {
      this.shape = shape;
      const built = readings.map((_, l) => buildRow(l, readings.length));
      this.body.replaceChildren(...built.map(([element]) => element));
      this.rows = built.map(([, row]) => row);
    }
    const last = readings.length - 1;
    readings.forEach((reading, l) => showRow(this.rows[l]!, reading, this.detail(context, l, readings.length), l === last));
  }
}
