// The 2D lab: points on a plane, a small network and its output over the whole plane.
// Its page has three columns (the data and the features; the network diagram with the
// shell's curves under it; the output plot with the shell's metrics), the backprop step-through, the dataset
// picker and the user's own points; on the comparison page, each variant's output plot.

import "./points.css";

import { build } from "../../protocol/client";
import { LAB_PRESETS, SUBSCRIBE } from "../../protocol/constants";
import type { PointsConfigChanges } from "../../protocol/messages";
import type { Lab, LabPage, LabViews, Session, Variants } from "../../shell/lab";
import type { Value } from "../../shell/settings";
import { ColorBar, linearRamp } from "../../shell/views/colorBar";
import { CLASS_COLORS, divergingColor, lighten, valueColor, type RGB } from "../../shell/views/colormap";
import { h } from "../../shell/views/dom";
import { fetchPreviews } from "./datasets";
import { readPoints, readPointsFrame, type PointSets, type PointsFrame } from "./frame";
import type { FrameView } from "../../shell/state";
import type { Problem } from "../../shell/settings";
import { LESSONS } from "./lessons";
import { outputActivation } from "./network";
import { ACTIVATIONS, COMPARABLE, POINTS_SECTIONS, POINTS_SETTINGS, pointsPart } from "./settings";
import { DataTools } from "./views/dataTools";
import { DatasetPicker } from "./views/datasetPicker";
import { NetworkView } from "./views/networkView";
import { MAP_LIGHTEN, OutputPlot } from "./views/outputPlot";
import { StepThrough } from "./views/stepThrough";

const flag = (view: ReadonlyMap<string, Value>, key: string): boolean => view.get(key) === true;

interface Layout {
  output: HTMLCanvasElement;
  busy: HTMLElement;
  stepThrough: HTMLElement;
  /** The data column's picker and tools, null when the address hides the data. */
  data: { picker: HTMLElement; tools: HTMLElement } | null;
  network: HTMLElement | null;
  legends: Legends;
}

/** The colour bars: the output map's beside the plot; the neurons' and the links' over the diagram. */
interface Legends {
  output: ColorBar;
  neurons: ColorBar;
  links: ColorBar;
}

/** The largest magnitude in `values` (the diagram colours gradients relative to it). */
function largest(values: Float32Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]!));
  return max;
}

/** A colour as the output plot shows it: paled, so the points on it stay readable. */
const paled = (color: (value: number) => RGB) => (value: number): RGB => {
  const [r, g, b] = lighten(Uint8ClampedArray.of(...color(value), 255), MAP_LIGHTEN);
  return [r!, g!, b!];
};

function showLegends(legends: Legends, frame: FrameView<PointsFrame> | null, problem: Problem, classes: number, discretize: boolean, gradients: boolean): void {
  const output = frame?.output ?? null;
  if (problem === "multiclass") legends.output.showClasses("Output: class", CLASS_COLORS.slice(0, Math.max(2, classes)));
  else if (output !== null) legends.output.show(linearRamp("Output", output.low, output.high, paled(valueColor(discretize))));
  // The neuron maps are coloured over [-1, 1]; links by weight up to ±2, or by gradient
  // relative to the frame's largest.
  legends.neurons.show(linearRamp("Neuron", -1, 1, divergingColor));
  const grads = frame?.weightGrads ?? null;
  if (gradients && grads !== null) {
    const max = largest(grads) || 1e-12;
    legends.links.show(linearRamp("∂L/∂w", -max, max, (v) => divergingColor(v / max)));
  } else legends.links.show(linearRamp("Weight", -2, 2, (v) => divergingColor(v / 2)));
}

/** The three columns, the shell's curves under the diagram and its metrics over the plot;
 *  what the address hides is left out. */
function layout(page: LabPage): Layout {
  const { hidden } = page;
  const data = hidden.has("data") ? null : { picker: h("div", { id: "dataset-picker" }), tools: h("div", { id: "data-tools" }) };
  const network = hidden.has("network") ? null : h("div", { id: "network", class: "network" });
  const output = h("canvas", { id: "output-plot", role: "img", "aria-label": "Output of the network over the input plane, with the data" });
  const busy = h("p", { class: "busy", id: "busy", role: "status", hidden: true }, "Compiling the new network…");
  const axis = (which: string, labels: string[]): HTMLElement => h("div", { class: `axis ${which}`, "aria-hidden": "true" }, ...labels.map((l) => h("span", {}, l)));
  const stepThrough = h("div", { id: "step-through", class: "step-through" });
  // The curves go under the diagram, where its column has room; beside the plot without it.
  const curves = page.curves === null ? [] : [page.curves];
  const legends = { output: new ColorBar("output"), neurons: new ColorBar("neurons"), links: new ColorBar("links") };
  const columns: HTMLElement[] = [];
  if (data !== null) {
    columns.push(
      h(
        "section",
        { class: "column data-column", "aria-labelledby": "data-title", "data-section": "data" },
        h("h2", { id: "data-title" }, "Data"),
        data.picker,
        h("div", { class: "panel-body", id: "data-settings", "data-panel": "data" }),
        data.tools,
        h("h2", { class: "sub" }, "Features"),
        h("div", { class: "panel-body", id: "feature-settings", "data-panel": "features" }),
      ),
    );
  }
  if (network !== null) {
    columns.push(
      h(
        "section",
        { class: "column network-column", "aria-labelledby": "network-title", "data-section": "network" },
        h(
          "div",
          { class: "column-title" },
          h("h2", { id: "network-title" }, "Network"),
          h("div", { class: "network-legends" }, legends.neurons.element, legends.links.element),
          h("div", { class: "inline-settings", "data-panel": "diagram" }),
        ),
        network,
        ...curves,
      ),
    );
  }
  columns.push(
    h(
      "section",
      { class: "column output-column", "aria-labelledby": "output-title" },
      h("h2", { id: "output-title" }, "Output"),
      page.metrics,
      h("div", { class: "plot-frame" }, output, busy, axis("x-axis", ["−6", "x₁", "6"]), axis("y-axis", ["6", "x₂", "−6"])),
      h("div", { class: "plot-legend" }, legends.output.element),
      h("div", { class: "inline-settings", "data-panel": "plot" }),
      stepThrough,
      ...(network === null ? curves : []),
    ),
  );
  page.root.classList.add("points");
  page.root.append(...columns);
  return { output, busy, stepThrough, data, network, legends };
}

function mount(page: LabPage): LabViews<PointsFrame, PointSets> {
  const { hidden, send } = page;
  const parts = layout(page);
  /** Change some of this lab's own settings. */
  const setLab = (changes: Omit<PointsConfigChanges, "lab">): void => void send(build.set({ lab: { lab: "points", ...changes } }));

  const picker = hidden.has("dataset") || parts.data === null ? null : new DatasetPicker(parts.data.picker, (name) => setLab({ dataset: name as PointsConfigChanges["dataset"] }));
  // Until (or unless) the previews arrive, the picker shows the names alone, which still work.
  if (picker !== null) fetchPreviews().then((previews) => picker.showPreviews(previews), () => undefined);
  const plot = new OutputPlot(parts.output, (x1, x2) => {
    // In step-through mode a click picks the example to explain instead.
    if (dataTools !== null && !stepThrough.active) dataTools.add(x1, x2);
  });
  const dataTools =
    parts.data === null
      ? null
      : new DataTools(parts.data.tools, {
          drawMode: (on) => {
            plot.drawMode = on;
            parts.output.classList.toggle("drawing", on);
          },
          upload: (csv) => send(build.uploadCsv(csv)),
          send,
        });
  const network =
    parts.network === null
      ? null
      : new NetworkView(
          parts.network,
          {
            setHidden: (layers) => setLab({ hidden: layers as PointsConfigChanges["hidden"] }),
            setActivations: (list) => setLab({ activations: list as PointsConfigChanges["activations"] }),
            setDropout: (list) => setLab({ dropout: list as PointsConfigChanges["dropout"] }),
            setWeight: (layer, source, target, value) => send(build.setWeight(layer, source, target, value)),
            setBias: (layer, neuron, value) => send(build.setBias(layer, neuron, value)),
          },
          hidden,
        );
  const stepThrough = new StepThrough(parts.stepThrough, parts.output, parts.network, {
    pause: () => send(build.pause()),
    play: () => send(build.play()),
    explain: (x1, x2, label) => send(build.explain(x1, x2, label)),
  });

  return {
    // Parameters feed the diagram's links and the per-layer statistics.
    subscription: (statistics) => build.subscribe(SUBSCRIBE.output_resolution.default, network === null ? 0 : SUBSCRIBE.neuron_resolution.default, network !== null || statistics),
    render({ config, problem, classes, frame, data, playing, revision }, view, compiling) {
      if (config !== null) picker?.render(pointsPart(config).dataset);
      dataTools?.render(problem, classes, data);
      plot.render({ frame, data, problem, classes, showTest: flag(view, "show_test"), discretize: flag(view, "discretize") });
      showLegends(parts.legends, frame, problem, classes, flag(view, "discretize"), flag(view, "gradients"));
      if (config !== null) {
        network?.render({ config, problem, classes, frame, gradients: flag(view, "gradients"), outputTable: plot.table });
        stepThrough.render({ config, problem, frame, data, playing, revision });
      }
      parts.busy.hidden = !compiling;
    },
    // In step-through mode the arrow keys move through its stages instead.
    get usesPlaybackKeys() {
      return stepThrough.active;
    },
    receive(message) {
      if (message.kind === "explanation") stepThrough.receive(message);
    },
    refused: (replyTo) => stepThrough.refused(replyTo),
    reconnected: () => stepThrough.reconnected(),
    startLesson(lesson) {
      // Out of step-through first: a point picked in the old lesson's data means nothing now.
      stepThrough.exit(false);
      if (lesson.stepThrough) stepThrough.enter();
    },
  };
}

const variants: Variants<PointsFrame, PointSets> = {
  title: "Decision boundaries",
  // No neuron maps; the parameters, to check that the variants start from the same weights.
  subscription: build.subscribe(60, 0, true),
  mount(container, label) {
    const canvas = h("canvas", { role: "img", "aria-label": `Output of ${label}` });
    container.append(canvas);
    const plot = new OutputPlot(canvas, () => undefined);
    return {
      render: ({ frame, data, problem, classes }: Session<PointsFrame, PointSets>) => plot.render({ frame, data, problem, classes, showTest: false, discretize: false }),
    };
  },
  start: (frame, data) => ({ data: [data.train?.xy ?? null, data.test?.xy ?? null], parameters: [frame.weights, frame.biases] }),
};

export const points: Lab<PointsFrame, PointSets> = {
  name: "points",
  preset: LAB_PRESETS.points,
  settings: POINTS_SETTINGS,
  sections: POINTS_SECTIONS,
  lessons: LESSONS,
  comparable: COMPARABLE,
  sessionControls: ["#dataset-picker", "#data-tools", "#network", "#step-through"], // the step-through pauses the session
  help: "Hover a neuron for its formula, a link for its weight · Click a link or a bias mark to edit it (or Tab to them: arrows choose a link, Enter edits)",
  layerDetail({ config, problem }, layer, layers) {
    const activation = layer === layers - 1 ? outputActivation(problem, config.loss) : (pointsPart(config).activations[layer] ?? "");
    return ACTIVATIONS.find((a) => a.value === activation)?.label ?? activation;
  },
  readFrame: readPointsFrame,
  readData: readPoints,
  mount,
  variants,
};
