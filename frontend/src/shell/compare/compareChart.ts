// The comparison's curves: each variant's test loss (solid) and training loss (dashed)
// in its own colour, on one chart, sampled at the end of every lockstep round, so all
// curves share one step axis by construction.

import type uPlot from "uplot";

import { Chart, chartOptions, line, stepAxis, valueAxis } from "../views/chart";

export class CompareChart {
  private readonly chart: Chart;
  private readonly steps: number[] = [];
  private readonly curves: (number | null)[][];
  private version = 0;

  constructor(
    container: HTMLElement,
    private readonly labels: readonly string[],
    private readonly colors: readonly string[],
  ) {
    this.chart = new Chart(container, () => 260);
    this.curves = labels.flatMap(() => [[], []]);
  }

  /** One completed round: the step, and each variant's (test, train) loss or null (a loss
   *  that is not a finite number is null too: a gap in its curve). */
  add(step: number, losses: readonly ([number | null, number | null] | null)[]): void {
    this.steps.push(step);
    losses.forEach((loss, i) => {
      this.curves[2 * i]!.push(loss?.[0] ?? null);
      this.curves[2 * i + 1]!.push(loss?.[1] ?? null);
    });
    this.version++;
  }

  /** Points drawn per curve (read by the browser tests). */
  get points(): number {
    return this.steps.length;
  }

  render(): void {
    const series = this.labels.flatMap((label, i) => [line(`${label}: test`, this.colors[i]!, 2), line(`${label}: training`, this.colors[i]!, 1.5, "y", [5, 4])]);
    this.chart.update(
      "compare",
      () => chartOptions(series, [stepAxis, valueAxis("Loss")], { y: { range: (_u: uPlot, _min: number, max: number) => [0, Math.max(max, 1e-3) * 1.05] } }),
      this.version,
      () => [this.steps, ...this.curves] as uPlot.AlignedData,
    );
  }
}
