// What the uPlot charts share: their look (the theme's colours, read from theme.css's
// variables when a plot is built, and again when the system's theme changes), ranges that
// stay sensible with no data or a flat line, and a holder that rebuilds the plot only when
// its axes or series change and redraws only when the data did. uPlot redraws thousands
// of points in well under a millisecond, so a chart can follow every frame.

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

const GRID = {};

/** A colour of the page's theme (a CSS variable of theme.css), as a canvas takes it. */
export function themeColor(variable: string, fallback = "#888"): string {
  if (typeof document === "undefined") return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(variable).trim() || fallback;
}

/** `color` ("#rrggbb", as theme.css writes them) at `alpha` opacity. */
export function translucent(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
  if (hex === undefined) return color;
  const channel = (i: number): number => parseInt(hex.slice(i, i + 2), 16);
  return `rgba(${channel(0)}, ${channel(2)}, ${channel(4)}, ${alpha})`;
}

const darkScheme = (): boolean => typeof matchMedia !== "undefined" && matchMedia("(prefers-color-scheme: dark)").matches;

/** The page's root text size in px: 14 on a laptop, larger in presentation mode. */
function rootPixels(): number {
  if (typeof document === "undefined") return BASE_PIXELS;
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || BASE_PIXELS;
}
const BASE_PIXELS = 14;

/** Axes in the theme's colours (labels and values in its text colours, grid in its lines)
 *  and at the page's smallest text size, scaled with it (presentation mode). */
function themed(options: Omit<uPlot.Options, "width" | "height">): Omit<uPlot.Options, "width" | "height"> {
  const text = themeColor("--muted", "#5f6368");
  const line = themeColor("--line", "#e3e5e8");
  const scale = rootPixels() / BASE_PIXELS;
  const font = `${Math.round(12 * scale)}px system-ui`;
  const scaled = (size: uPlot.Axis.Size): uPlot.Axis.Size => (typeof size === "number" ? size * scale : size);
  const axes = (options.axes ?? []).map((axis) => ({
    stroke: text,
    ...axis,
    font,
    labelFont: font,
    ...(axis.size === undefined ? {} : { size: scaled(axis.size) }),
    ...(axis.labelSize === undefined ? {} : { labelSize: axis.labelSize * scale }),
    grid: { stroke: line, ...axis.grid },
    ticks: { stroke: line, ...axis.ticks },
  }));
  return { ...options, axes };
}

/** Steps are whole: ticks 1, 2, 5, 10, 20, 50… apart, never 0.2. */
const STEP_INCREMENTS = Array.from({ length: 30 }, (_, i) => [1, 2, 5][i % 3]! * 10 ** Math.floor(i / 3));

export const stepAxis: uPlot.Axis = { size: 30, grid: GRID, ticks: { show: false }, incrs: STEP_INCREMENTS };

/** A linear range that shows something sensible with no data ([0, 1]) or a flat line (a
 *  band around it), where uPlot's own would put every tick on the same rounded value. */
export function linearRange(min: number | null, max: number | null, floorAtZero = false): uPlot.Range.MinMax {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  const low = floorAtZero ? Math.min(0, min) : min;
  if (max - low > 1e-12 * Math.max(1, Math.abs(max))) return floorAtZero ? [low, max * 1.05] : [low, max];
  const pad = Math.max(Math.abs(max) * 0.1, 1e-3);
  return floorAtZero && low >= 0 ? [0, Math.max(max * 1.05, 1)] : [low - pad, max + pad];
}

/** A log range: a decade either side of a flat line, 0.001–1 with no data. */
export function logRange(min: number | null, max: number | null): uPlot.Range.MinMax {
  if (min === null || max === null || !(min > 0) || !Number.isFinite(max)) return [1e-3, 1];
  const low = 10 ** Math.floor(Math.log10(min));
  const high = 10 ** Math.ceil(Math.log10(max));
  return high > low ? [low, high] : [low / 10, high * 10];
}

export const valueAxis = (label: string, extra: uPlot.Axis = {}): uPlot.Axis => ({
  label,
  labelSize: 16,
  size: 46,
  grid: GRID,
  ticks: { show: false },
  ...extra,
});

const isPowerOfTen = (v: number): boolean => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-6;

/** A log axis labelled and gridded at powers of ten only (1e-6, 0.01, 1, ...): uPlot's
 *  default lines at 2, 3, ... 9 of every decade turn a chart spanning many into bands. */
export function logAxis(label: string): uPlot.Axis {
  const decades = (_u: uPlot, splits: number[]): (number | null)[] => splits.map((s) => (isPowerOfTen(s) ? s : null));
  return valueAxis(label, {
    size: 50,
    filter: decades,
    grid: { ...GRID, filter: decades },
    // Ticks filtered out arrive as null.
    values: (_u, ticks: (number | null)[]) => ticks.map((t) => (t === null ? "" : t >= 1e-2 && t <= 1e3 ? String(Number(t.toPrecision(6))) : t.toExponential(0))),
  });
}

export function line(label: string, stroke: string, width: number, scale = "y", dash?: number[]): uPlot.Series {
  return { label, stroke, width, scale, points: { show: false }, ...(dash ? { dash } : {}) };
}

/** Log scales cannot show zero or negative values; uPlot leaves nulls as gaps. */
export const positive = (values: readonly (number | null)[]): (number | null)[] => values.map((v) => (v !== null && v > 0 ? v : null));

/** Options every chart uses; x is the training step (its range sane with no data). */
export function chartOptions(series: uPlot.Series[], axes: uPlot.Axis[], scales: uPlot.Scales): Omit<uPlot.Options, "width" | "height"> {
  return {
    legend: { live: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: (_u, min, max) => linearRange(min, max) }, ...scales },
    axes,
    series: [{ label: "Step" }, ...series],
  };
}

export class Chart {
  private plot: uPlot | null = null;
  private shape = "";
  private drawnVersion = -1;
  /** The last update's arguments, to draw again in the new colours when the theme changes. */
  private last: Parameters<Chart["update"]> | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly height: () => number,
  ) {
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: this.height() })).observe(container);
    }
    // A paused page gets no new frame to redraw with: the theme's change redraws it.
    if (typeof matchMedia !== "undefined") matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => this.last && this.update(...this.last));
  }

  /** The drawn plot's canvas (for a picture of the view), or null before the first build. */
  get canvas(): HTMLCanvasElement | null {
    return this.plot?.ctx.canvas ?? null;
  }

  /** Build the plot anew from `options` when `shape` (or the system's theme) changed; draw
   *  `data` when `version` did. */
  update(shape: string, options: () => Omit<uPlot.Options, "width" | "height">, version: number, data: () => uPlot.AlignedData): void {
    this.last = [shape, options, version, data];
    const themedShape = `${shape}|${darkScheme() ? "dark" : "light"}`;
    if (themedShape !== this.shape) {
      this.shape = themedShape;
      this.plot?.destroy();
      this.plot = new uPlot({ ...themed(options()), width: this.width(), height: this.height() }, [[]], this.container);
      this.drawnVersion = -1;
    }
    if (version === this.drawnVersion) return;
    this.drawnVersion = version;
    this.plot!.setData(data());
  }

  private width(): number {
    return Math.max(200, this.container.clientWidth);
  }
}
