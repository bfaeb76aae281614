// Training and test loss (and accuracy, for classification) against step. The chart is
// rebuilt only when its axes change (log scales, accuracy shown or not). A log step axis
// shows what happens decades apart (grokking): step 0 is drawn at step 1 there.

import type uPlot from "uplot";

import type { CurveHistory } from "../state";
import { Chart, chartOptions, line, logAxis, positive, stepAxis, valueAxis } from "./chart";

const COLORS = { train: "#8a8a8a", test: "#1a1a1a", trainAccuracy: "#6cb6e6", testAccuracy: "#0877bd" };

function options(log: boolean, accuracy: boolean, logSteps: boolean): Omit<uPlot.Options, "width" | "height"> {
  const series = [line("Training loss", COLORS.train, 2), line("Test loss", COLORS.test, 1.5)];
  const axes = [stepAxis, log ? logAxis("Loss (log)") : valueAxis("Loss")];
  if (accuracy) {
    series.push(line("Training accuracy", COLORS.trainAccuracy, 1.5, "acc", [4, 3]), line("Test accuracy", COLORS.testAccuracy, 1.5, "acc", [4, 3]));
    axes.push(valueAxis("Accuracy", { scale: "acc", side: 1, size: 40, grid: { show: false }, values: (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`) }));
  }
  return chartOptions(series, axes, {
    ...(logSteps ? { x: { time: false, distr: 3 } } : {}),
    y: log ? { distr: 3 } : { range: (_u, _min, max) => [0, Math.max(max, 1e-3) * 1.05] },
    acc: { range: [0, 1] },
  });
}

export class LossChart {
  private readonly chart: Chart;

  constructor(container: HTMLElement, height: () => number) {
    this.chart = new Chart(container, height);
  }

  /** Redraw if the history or the axes changed since the last call. */
  update(history: CurveHistory, log: boolean, accuracy: boolean, logSteps = false): void {
    this.chart.update(`${log}|${accuracy}|${logSteps}`, () => options(log, accuracy, logSteps), history.version, () => {
      const s = history.series;
      const loss = log ? positive : (values: (number | null)[]) => values;
      const steps = logSteps ? history.steps.map((step) => Math.max(step, 1)) : history.steps;
      const data: (number | null)[][] = [steps, loss(s.train_loss), loss(s.test_loss)];
      if (accuracy) data.push(s.train_accuracy, s.test_accuracy);
      return data as uPlot.AlignedData;
    });
  }
}
