// Training and test loss (and accuracy, for classification) against step, drawn by
// uPlot, which redraws thousands of points in well under a millisecond. The chart is
// rebuilt only when its axes change (log scale, accuracy shown or not).

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

import type { CurveHistory } from "../state";

const COLORS = { train: "#8a8a8a", test: "#1a1a1a", trainAccuracy: "#6cb6e6", testAccuracy: "#0877bd" };

export class LossChart {
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

  /** Redraw if the history or the axes changed since the last call. */
  update(history: CurveHistory, log: boolean, accuracy: boolean): void {
    const shape = `${log}|${accuracy}`;
    if (shape !== this.shape) {
      this.shape = shape;
      this.plot?.destroy();
      this.plot = new uPlot(this.options(log, accuracy), [[]], this.container);
      this.drawnVersion = -1;
    }
    if (history.version === this.drawnVersion) return;
    this.drawnVersion = history.version;
    const s = history.series;
    // Log scales cannot show zero or gaps as points; uPlot skips nulls.
    const loss = (values: (number | null)[]): (number | null)[] => (log ? values.map((v) => (v !== null && v > 0 ? v : null)) : values);
    const data: (number | null)[][] = [history.steps, loss(s.train_loss), loss(s.test_loss)];
    if (accuracy) data.push(s.train_accuracy, s.test_accuracy);
    this.plot!.setData(data as uPlot.AlignedData);
  }

  private options(log: boolean, accuracy: boolean): uPlot.Options {
    const line = (label: string, stroke: string, width: number, scale = "y", dash?: number[]): uPlot.Series => ({
      label,
      stroke,
      width,
      scale,
      points: { show: false },
      ...(dash ? { dash } : {}),
    });
    const series: uPlot.Series[] = [{ label: "Step" }, line("Training loss", COLORS.train, 2), line("Test loss", COLORS.test, 1.5)];
    const axes: uPlot.Axis[] = [
      { size: 30, grid: { stroke: "#eeeeee" }, ticks: { show: false }, font: "11px system-ui" },
      { label: log ? "Loss (log)" : "Loss", labelSize: 16, size: 46, grid: { stroke: "#eeeeee" }, ticks: { show: false }, font: "11px system-ui", labelFont: "11px system-ui" },
    ];
    if (accuracy) {
      series.push(line("Training accuracy", COLORS.trainAccuracy, 1.5, "acc", [4, 3]), line("Test accuracy", COLORS.testAccuracy, 1.5, "acc", [4, 3]));
      axes.push({ scale: "acc", side: 1, label: "Accuracy", labelSize: 16, size: 40, grid: { show: false }, ticks: { show: false }, font: "11px system-ui", labelFont: "11px system-ui", values: (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`) });
    }
    return {
      width: this.width(),
      height: this.height(),
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: false },
        y: log ? { distr: 3 } : { range: (_u, _min, max) => [0, Math.max(max, 1e-3) * 1.05] },
        acc: { range: [0, 1] },
      },
      axes,
      series,
    };
  }

  private width(): number {
    return Math.max(200, this.container.clientWidth);
  }
}
