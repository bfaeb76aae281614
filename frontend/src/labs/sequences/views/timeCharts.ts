// Charts over the steps of a sequence (not over training): the gradient that reaches each
// step's hidden state, ‖∂L/∂hₜ‖ on a log scale with a line per layer (a plain RNN's
// vanishing gradient shows as the early steps' values lying decades below the late
// ones), and the test score at each position. Drawn with the shell's uPlot charts.

import type uPlot from "uplot";

import { Chart, chartOptions, line, logAxis, positive, stepAxis, valueAxis } from "../../../shell/views/chart";
import { cssColor, POSITIVE } from "../../../shell/views/colormap";
import { h, setText } from "../../../shell/views/dom";
import { layerColor } from "../../../shell/views/gradientChart";
import type { Grid } from "../../../shell/labData";

const HEIGHT = 150;
const timeAxis: uPlot.Axis = { ...stepAxis, label: "step t of the sequence", labelSize: 14, size: 40 };

/** Options over the sequence's steps: the legend names t, not the training step. */
function overTime(series: uPlot.Series[], axis: uPlot.Axis, scales: uPlot.Scales): Omit<uPlot.Options, "width" | "height"> {
  const options = chartOptions(series, [timeAxis, axis], scales);
  return { ...options, series: [{ label: "t" }, ...series] };
}

const steps = (count: number): number[] => Array.from({ length: count }, (_, t) => t + 1);
const short = (n: number): string => (n === 0 ? "0" : Number.isFinite(n) ? n.toExponential(1) : "–");

export class GradientThroughTime {
  private readonly chart: Chart;
  private readonly caption = h("p", { class: "chart-caption", "aria-live": "off" });
  private version = 0;

  constructor(root: HTMLElement) {
    const container = h("div", { class: "time-chart", id: "gradient-through-time", role: "img", "aria-label": "The gradient norm ‖∂L/∂hₜ‖ at each step of the sequence, per layer, log scale" });
    root.append(container, this.caption);
    this.chart = new Chart(container, () => HEIGHT);
  }

  render(gradient: Grid): void {
    const [layers = 0, count = 0] = gradient.shape;
    const rows = Array.from({ length: layers }, (_, l) => Array.from(gradient.values.subarray(l * count, (l + 1) * count)));
    const options = (): Omit<uPlot.Options, "width" | "height"> =>
      overTime(
        rows.map((_, l) => line(`Layer ${l + 1}`, layerColor(l, layers + 1), 1.5)),
        logAxis("‖∂L/∂hₜ‖ (log)"),
        { y: { distr: 3 } },
      );
    this.chart.update(`${layers}x${count}`, options, ++this.version, () => [steps(count), ...rows.map(positive)] as uPlot.AlignedData);
    const first = rows[0] ?? [];
    setText(this.caption, first.length === 0 ? "" : `Layer 1: ${short(first[0]!)} at step 1, ${short(first.at(-1)!)} at step ${first.length}.`);
  }
}

export class PositionScores {
  private readonly chart: Chart;
  private readonly container: HTMLElement;
  private readonly caption = h("p", { class: "chart-caption" });
  private version = 0;

  constructor(root: HTMLElement) {
    this.container = h("div", { class: "time-chart", id: "position-scores", role: "img", "aria-label": "The test score at each position of the sequence" });
    root.append(this.container, this.caption);
    this.chart = new Chart(this.container, () => HEIGHT);
  }

  /** `classes`: the scores are accuracies, else mean squared errors. */
  render(scores: Float32Array, classes: boolean): void {
    const values = classes ? Array.from(scores, (s) => 100 * s) : Array.from(scores);
    const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    // One position (the adding problem's target at the end) is a number, not a chart.
    this.container.hidden = values.length < 2;
    if (values.length >= 2) {
      const label = classes ? "accuracy (%)" : "squared error";
      const options = (): Omit<uPlot.Options, "width" | "height"> =>
        overTime([line(classes ? "Test accuracy" : "Test error", cssColor(POSITIVE), 1.5)], valueAxis(label), classes ? { y: { range: [0, 100] } } : { y: {} });
      this.chart.update(`${classes}:${values.length}`, options, ++this.version, () => [steps(values.length), values] as uPlot.AlignedData);
    }
    const where = values.length < 2 ? "at the end" : `over ${values.length} positions (mean)`;
    setText(this.caption, classes ? `Test accuracy ${where}: ${mean.toFixed(1)} %` : `Test mean squared error ${where}: ${mean.toPrecision(3)}`);
  }
}
