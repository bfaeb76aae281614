// What the uPlot charts share: their look, and a holder that rebuilds the plot only when
// its axes or series change and redraws only when the data did. uPlot redraws thousands
// of points in well under a millisecond, so a chart can follow every frame.

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

const FONT = "11px system-ui";
const GRID = { stroke: "#eeeeee" };

export const stepAxis: uPlot.Axis = { size: 30, grid: GRID, ticks: { show: false }, font: FONT };

export const valueAxis = (label: string, extra: uPlot.Axis = {}): uPlot.Axis => ({
  label,
  labelSize: 16,
  size: 46,
  grid: GRID,
  ticks: { show: false },
  font: FONT,
  labelFont: FONT,
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

/** Options every chart uses; x is the training step. */
export function chartOptions(series: uPlot.Series[], axes: uPlot.Axis[], scales: uPlot.Scales): Omit<uPlot.Options, "width" | "height"> {
  return {
    legend: { live: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false }, ...scales },
    axes,
    series: [{ label: "Step" }, ...series],
  };
}

export class Chart {
  private plot: uPlot | null = null;
  private shape = "";
  private drawnVersion = -1;

  constructor(
    private readonly container: HTMLElement,
    private readonly height: () => number,
  ) {
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: this.height() })).observe(container);
    }
  }

  /** Build the plot anew from `options` when `shape` changed; draw `data` when `version` did. */
  update(shape: string, options: () => Omit<uPlot.Options, "width" | "height">, version: number, data: () => uPlot.AlignedData): void {
    if (shape !== this.shape) {
      this.shape = shape;
      this.plot?.destroy();
      this.plot = new uPlot({ ...options(), width: this.width(), height: this.height() }, [[]], this.container);
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
