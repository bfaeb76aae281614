// Training and test loss against step, drawn by uPlot, which redraws thousands of
// points in well under a millisecond; the history itself is kept short (LossHistory).

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

import type { LossHistory } from "../state";

const HEIGHT = 200;

export class LossChart {
  private readonly plot: uPlot;
  private drawnVersion = -1;

  constructor(private readonly container: HTMLElement) {
    const options: uPlot.Options = {
      width: this.width(),
      height: HEIGHT,
      legend: { live: false }, // the counters above show the latest values
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(max, 1e-3) * 1.05] } },
      axes: [
        { label: "Step", labelSize: 20, size: 36, grid: { stroke: "#eeeeee" } },
        { label: "Loss", labelSize: 20, size: 48, grid: { stroke: "#eeeeee" } },
      ],
      series: [
        { label: "Step" },
        { label: "Training loss", stroke: "#9a9a9a", width: 2, points: { show: false } },
        { label: "Test loss", stroke: "#1a1a1a", width: 1.5, points: { show: false } },
      ],
    };
    this.plot = new uPlot(options, [[], [], []], container);
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(() => this.plot.setSize({ width: this.width(), height: HEIGHT })).observe(container);
    }
  }

  /** Redraw if the history changed since the last call. */
  update(history: LossHistory): void {
    if (history.version === this.drawnVersion) return;
    this.drawnVersion = history.version;
    this.plot.setData([history.steps, history.train, history.test]);
  }

  private width(): number {
    return Math.max(200, this.container.clientWidth);
  }
}
