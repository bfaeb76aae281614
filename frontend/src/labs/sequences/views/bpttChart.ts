// Backpropagation through time for one weight, as bars over the sequence's steps: the
// weight is used at every step, and each step's bar is its use's share of ∂L/∂weight
// (blue where it pushes the gradient up, orange down); the shares add up to the gradient.
// A plain RNN's shares come from the last few steps, an LSTM's from further back.

import uPlot from "uplot";

import { Chart, chartOptions, stepAxis, valueAxis } from "../../../shell/views/chart";
import { cssColor, NEGATIVE, POSITIVE } from "../../../shell/views/colormap";
import { h, setText } from "../../../shell/views/dom";
import { formatValue } from "../../points/stepThrough";
import { reach } from "../stepThrough";

const HEIGHT = 140;
// Whole steps only on the time axis; shares are often tiny, so small ticks read as 1e-6.
const timeAxis: uPlot.Axis = { ...stepAxis, label: "step t of the sequence", labelSize: 14, size: 40, incrs: [1, 2, 5, 10, 20, 50] };
const tick = (t: number): string => (t === 0 ? "0" : Math.abs(t) < 0.01 || Math.abs(t) >= 1e4 ? t.toExponential(0) : String(Number(t.toPrecision(3))));

function bars(label: string, color: string): uPlot.Series {
  return { label, stroke: color, fill: color, width: 0, points: { show: false }, paths: uPlot.paths.bars!({ size: [0.8, 24] }) };
}

function options(): Omit<uPlot.Options, "width" | "height"> {
  const base = chartOptions([bars("pushes up", cssColor(POSITIVE)), bars("pushes down", cssColor(NEGATIVE))], [timeAxis, valueAxis("share of ∂L/∂weight", { size: 56, values: (_u, ticks: number[]) => ticks.map(tick) })], { y: {} });
  return { ...base, series: [{ label: "t" }, ...base.series.slice(1)] };
}

export class BpttChart {
  private readonly container = h("div", { class: "time-chart", id: "bptt-chart", role: "img", "aria-label": "" });
  private readonly caption = h("p", { class: "chart-caption", id: "bptt-caption" });
  private readonly chart: Chart;
  private version = 0;

  constructor(root: HTMLElement) {
    root.append(this.container, this.caption);
    this.chart = new Chart(this.container, () => HEIGHT);
  }

  /** `byStep`: each step's share; `gradient`: their sum, as the server computed it. */
  render(byStep: Float32Array, gradient: number, weight: string): void {
    const steps = Array.from({ length: byStep.length }, (_, t) => t + 1);
    const shares = Array.from(byStep);
    this.chart.update(`bars:${byStep.length}`, options, ++this.version, () => [steps, shares.map((s) => (s > 0 ? s : null)), shares.map((s) => (s < 0 ? s : null))] as uPlot.AlignedData);
    const from = reach(byStep);
    const where = from === null ? "no step contributes (the gradient is 0)" : from === byStep.length - 1 ? `90 % of its size comes from the last step alone` : `90 % of its size comes from steps ${from + 1}–${byStep.length}`;
    const text = `∂L/∂${weight} = ${formatValue(gradient)} on this sequence: ${where}.`;
    setText(this.caption, text);
    const label = `Each step's share of the gradient. ${text}`;
    if (this.container.getAttribute("aria-label") !== label) this.container.setAttribute("aria-label", label);
  }
}
