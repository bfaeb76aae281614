// The probe unrolled, for the tasks with values. Wave: the noisy signal the network reads,
// and at each next step the clean value it should predict with its prediction drawn over
// it. Adding: the sequence's numbers with the two marked ones picked out, and the sum it
// should say at the end against what it says.

import type uPlot from "uplot";

import { Chart, chartOptions, line, stepAxis, valueAxis } from "../../../shell/views/chart";
import { cssColor, NEGATIVE, POSITIVE } from "../../../shell/views/colormap";
import { h, setText } from "../../../shell/views/dom";
import type { Grid } from "../../../shell/labData";

const HEIGHT = 170;
const timeAxis: uPlot.Axis = { ...stepAxis, label: "step t", labelSize: 14, size: 40 };
const dots = (label: string, stroke: string, size: number): uPlot.Series => ({ label, stroke, fill: stroke, width: 0, points: { show: true, size, fill: stroke }, paths: () => null });

function options(task: "wave" | "adding"): Omit<uPlot.Options, "width" | "height"> {
  const series =
    task === "wave"
      ? [line("Signal read (noisy)", "#b8bcc2", 1), line("Next value (clean)", "#202124", 1.5), line("Prediction", cssColor(NEGATIVE), 2)]
      : [line("Numbers", "#b8bcc2", 1), dots("Marked", cssColor(POSITIVE), 8)];
  const base = chartOptions(series, [timeAxis, valueAxis("value")], { y: {} });
  return { ...base, series: [{ label: "t" }, ...series] };
}

export class ValueChart {
  private readonly container = h("div", { class: "time-chart", id: "unrolled-chart", role: "img", "aria-label": "The probe sequence's values over time" });
  private readonly caption = h("p", { class: "chart-caption", id: "unrolled-values" });
  private readonly chart: Chart;
  private version = 0;

  constructor(root: HTMLElement) {
    root.append(this.container, this.caption);
    this.chart = new Chart(this.container, () => HEIGHT);
  }

  set hidden(hidden: boolean) {
    this.container.hidden = this.caption.hidden = hidden;
  }

  render(task: "wave" | "adding", inputs: Grid, targets: Float32Array, outputs: Grid): void {
    const [steps = 0, width = 1] = inputs.shape;
    const input = (t: number, i: number): number => inputs.values[t * width + i]!;
    const x = Array.from({ length: steps + 1 }, (_, t) => t);
    let data: uPlot.AlignedData;
    if (task === "wave") {
      // Step t's target and prediction are of the signal's value at t + 1: drawn there.
      const later = (values: Float32Array, stride: number): (number | null)[] => x.map((t) => (t === 0 ? null : (values[(t - 1) * stride] ?? null)));
      data = [x, x.map((t) => (t < steps ? input(t, 0) : null)), later(targets, 1), later(outputs.values, 1)];
      const error = targets.reduce((sum, target, t) => sum + (outputs.values[t]! - target) ** 2, 0) / Math.max(1, targets.length);
      setText(this.caption, `Squared error on this sequence: ${error.toPrecision(3)} (mean over ${targets.length} steps).`);
    } else {
      data = [x, x.map((t) => (t < steps ? input(t, 0) : null)), x.map((t) => (t < steps && input(t, 1) > 0.5 ? input(t, 0) : null))];
      setText(this.caption, `Sum of the marked numbers: ${targets[0]!.toFixed(3)} · the network says ${outputs.values[0]!.toFixed(3)} at the end.`);
    }
    this.chart.update(task, () => options(task), ++this.version, () => data);
  }
}
