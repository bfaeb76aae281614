// Training and test loss (and accuracy, for classification) against step, and, greyed
// behind them, the losses of the run before a new one started (another dataset or
// problem), for comparison. The chart is rebuilt only when its axes change (log scales,
// accuracy shown or not, a previous run or not). A log step axis shows what happens
// decades apart (grokking): step 0 is drawn at step 1 there.

import type uPlot from "uplot";

import type { CurveHistory, PreviousRun } from "../state";
import { Chart, chartOptions, line, linearRange, logAxis, logRange, positive, stepAxis, themeColor, translucent, valueAxis } from "./chart";

type Column = (number | null)[];

function options(log: boolean, accuracy: boolean, logSteps: boolean, previous: boolean): Omit<uPlot.Options, "width" | "height"> {
  const text = themeColor("--text", "#202124");
  const accent = themeColor("--accent", "#0877bd");
  const series: uPlot.Series[] = [];
  if (previous) {
    const grey = themeColor("--idle", "#bbb");
    // Gaps where only the current run has a point: the old curve is drawn through them.
    series.push({ ...line("Last run: training loss", grey, 1.5), spanGaps: true }, { ...line("Last run: test loss", grey, 1, "y", [2, 2]), spanGaps: true });
  }
  series.push({ ...line("Training loss", translucent(text, 0.55), 2), spanGaps: previous }, { ...line("Test loss", text, 1.5), spanGaps: previous });
  const axes = [stepAxis, log ? logAxis("Loss (log)") : valueAxis("Loss")];
  if (accuracy) {
    series.push(
      { ...line("Training accuracy", translucent(accent, 0.55), 1.5, "acc", [4, 3]), spanGaps: previous },
      { ...line("Test accuracy", accent, 1.5, "acc", [4, 3]), spanGaps: previous },
    );
    axes.push(valueAxis("Accuracy", { scale: "acc", side: 1, size: 40, grid: { show: false }, values: (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`) }));
  }
  const steps = (_u: uPlot, min: number | null, max: number | null): uPlot.Range.MinMax => (logSteps ? logRange(min, max) : linearRange(min, max));
  return chartOptions(series, axes, {
    x: { time: false, ...(logSteps ? { distr: 3 } : {}), range: steps },
    y: log ? { distr: 3, range: (_u, min, max) => logRange(min, max) } : { range: (_u, min, max) => linearRange(min, max, true) },
    acc: { range: [0, 1] },
  });
}

/** The curves of two runs on one step axis: the union of their steps, each column with
 *  gaps (null) at the other run's steps. */
export function alignRuns(steps: readonly number[], columns: readonly Column[], oldSteps: readonly number[], oldColumns: readonly Column[]): [number[], Column[], Column[]] {
  const union = [...new Set([...steps, ...oldSteps])].sort((a, b) => a - b);
  const at = new Map(union.map((step, i) => [step, i]));
  const spread = (from: readonly number[], column: Column): Column => {
    const out: Column = new Array<number | null>(union.length).fill(null);
    from.forEach((step, i) => (out[at.get(step)!] = column[i] ?? null));
    return out;
  };
  return [union, oldColumns.map((c) => spread(oldSteps, c)), columns.map((c) => spread(steps, c))];
}

export class LossChart {
  private readonly chart: Chart;

  constructor(container: HTMLElement, height: () => number) {
    this.chart = new Chart(container, height);
  }

  /** The plot's canvas, for a picture of the view. */
  get canvas(): HTMLCanvasElement | null {
    return this.chart.canvas;
  }

  /** Redraw if the history, the last run or the axes changed since the last call. */
  update(history: CurveHistory, log: boolean, accuracy: boolean, logSteps = false, previous: PreviousRun | null = null): void {
    const shape = `${log}|${accuracy}|${logSteps}|${previous !== null}`;
    const version = history.version * 2 + (previous === null ? 0 : 1);
    this.chart.update(shape, () => options(log, accuracy, logSteps, previous !== null), version, () => {
      const s = history.series;
      const loss = log ? positive : (values: Column) => values;
      const current: Column[] = [loss(s.train_loss), loss(s.test_loss)];
      if (accuracy) current.push(s.train_accuracy, s.test_accuracy);
      const [steps, old, columns] = previous === null ? [history.steps, [], current] : alignRuns(history.steps, current, previous.steps, [loss(previous.trainLoss), loss(previous.testLoss)]);
      const x = logSteps ? steps.map((step) => Math.max(step, 1)) : steps;
      return [x, ...old, ...columns] as uPlot.AlignedData;
    });
  }
}
