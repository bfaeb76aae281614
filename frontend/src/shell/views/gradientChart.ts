// Each layer's gradient norm against step on one log-scale chart: vanishing gradients show
// as the first layers' lines lying orders of magnitude below the last ones. Colour follows
// depth, first layer light, output dark.

import type uPlot from "uplot";

import { layerName, type GradientNormHistory } from "../layers";
import { Chart, chartOptions, line, logAxis, positive, stepAxis } from "./chart";
import { cssColor, depthColor } from "./colormap";

/** The colour of parameter layer `layer` of `layers`. */
export const layerColor = (layer: number, layers: number): string => cssColor(depthColor(layers > 1 ? layer / (layers - 1) : 1));

function options(layers: number): Omit<uPlot.Options, "width" | "height"> {
  const series = Array.from({ length: layers }, (_, l) => line(layerName(l, layers), layerColor(l, layers), 1.5));
  return chartOptions(series, [stepAxis, logAxis("‖∂L/∂W‖ (log)")], { y: { distr: 3 } });
}

export class GradientChart {
  private readonly chart: Chart;

  constructor(container: HTMLElement, height: () => number) {
    this.chart = new Chart(container, height);
  }

  update(norms: GradientNormHistory): void {
    const layers = norms.width;
    this.chart.update(String(layers), () => options(layers), norms.version, () => [norms.steps, ...norms.columns.map(positive)] as uPlot.AlignedData);
  }
}
