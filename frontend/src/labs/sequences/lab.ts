// The sequences lab: RNN, LSTM and GRU networks learning sequences. Its page shows the
// task and the probe sequence left; the network unrolled over the probe centre (inputs,
// targets and outputs per step, the text it writes, each layer's hidden state, gates and
// cell state over time); and the gradient through time, the score per position and the
// shell's metrics and curves right.

import "../../shell/views/labColumns.css";
import "./sequences.css";

import { build } from "../../protocol/client";
import { LAB_PRESETS } from "../../protocol/constants";
import type { SequencesConfigChanges } from "../../protocol/messages";
import type { Lab, LabPage, LabViews, Session, Variants } from "../../shell/lab";
import { h, setText } from "../../shell/views/dom";
import { readTargets, type Targets } from "../../shell/labData";
import { readSequencesFrame, type SequencesFrame } from "./frame";
import { LESSONS } from "./lessons";
import { CELLS, COMPARABLE, GATES, GOALS, SEQUENCES_SECTIONS, SEQUENCES_SETTINGS, sequencesPart, type SequencesPart } from "./settings";
import { ProbeNav } from "../../shell/views/probeNav";
import { StateMaps } from "./views/states";
import { clicked } from "./stepThrough";
import { StepPanel } from "./views/stepPanel";
import { TextEditor } from "./views/textEditor";
import { TextSample } from "./views/textSample";
import { GradientThroughTime, PositionScores } from "./views/timeCharts";
import { UnrolledView } from "./views/unrolled";

function column(id: string, title: string, ...children: HTMLElement[]): HTMLElement {
  return h("section", { class: "column", "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

const panel = (name: string, extra: Record<string, string> = {}): HTMLElement => h("div", { class: "panel-body", "data-panel": name, ...extra });
const sub = (title: string): HTMLElement => h("h2", { class: "sub" }, title);
const classes = (part: SequencesPart): boolean => part.task !== "wave" && part.task !== "adding";

function mount(page: LabPage): LabViews<SequencesFrame, Targets> {
  const { hidden, send } = page;
  const setLab = (changes: Omit<SequencesConfigChanges, "lab">): number | null => send(build.set({ lab: { lab: "sequences", ...changes } }));
  let probe = 0;
  let tests = 0;
  /** The settings the newest frame was made with: a change shows only once its network
   *  has compiled, and until then the frames are the old network's. */
  let shown: SequencesPart | null = null;
  let drawn: SequencesFrame | null = null;

  const goal = h("p", { class: "task-goal", id: "task-goal" });
  const textBox = panel("sequences-text", { class: "panel-body text-editor" });
  const probeBox = h("div", { class: "probe" });
  const unrolledBox = h("div", { class: "unrolled", id: "unrolled" });
  const sampleBox = h("div", { class: "sample-body" });
  const sampleSection = h("section", { class: "sample", "aria-label": "What the network writes" }, sub("Written by the network"), sampleBox, panel("sequences-sample"));
  const statesBox = hidden.has("states") ? null : h("div", { class: "state-layers", id: "states", "data-section": "states" });
  const gradientBox = hidden.has("gradient-time") ? null : h("div", { "data-section": "gradient-time" });
  const positionsBox = hidden.has("positions") ? null : h("div", { "data-section": "positions" });
  const stepBox = h("div", { class: "step-box" });
  const stepOpen = h("div", { class: "step-open" });
  const busy = h("p", { class: "busy", id: "busy", role: "status", hidden: true }, "Compiling the new network…");
  // A new cell has weights of other shapes: it learns from scratch (only the head's carry over).
  const fresh = h("p", { class: "busy", id: "fresh-cell", role: "status", hidden: true });
  let freshTimer: number | undefined;
  page.root.classList.add("sequences", "lab-columns");
  page.root.append(
    column("sequences-task-title", "Task and data", panel("sequences-task"), goal, panel("sequences-data"), textBox, sub("Probe"), probeBox, panel("sequences-probe")),
    column(
      "rnn-title",
      "Network, unrolled over time",
      panel("recurrent"),
      busy,
      fresh,
      sub("The probe, step by step"),
      unrolledBox,
      sampleSection,
      ...(statesBox === null
        ? [stepOpen]
        : [h("h2", { class: "sub" }, "Inside, at each step"), h("p", { class: "map-legend" }, "Time runs across, units down · orange negative, blue positive · gates: pale shut, blue open · click a step and unit to step through it"), stepOpen, statesBox]),
    ),
    column(
      "test-title",
      "Test",
      stepBox,
      page.metrics,
      ...(gradientBox === null ? [] : [sub("Gradient through time"), gradientBox]),
      ...(positionsBox === null ? [] : [sub("Score per position"), positionsBox]),
      ...(page.curves === null ? [] : [page.curves]),
    ),
  );

  const textEditor = new TextEditor(textBox, (text) => setLab({ text }));
  const probeNav = new ProbeNav(probeBox, (delta) => setLab({ probe: tests > 0 ? (((probe + delta) % tests) + tests) % tests : Math.max(0, probe + delta) }));
  const unrolled = new UnrolledView(unrolledBox);
  const sample = new TextSample(sampleBox);
  const stepPanel = new StepPanel(stepBox, send, (open) => page.root.classList.toggle("stepping", open));
  stepOpen.append(stepPanel.toggle);
  const states = statesBox === null ? null : new StateMaps(statesBox, !hidden.has("gates"), (layer, time, unit) => stepPanel.open(clicked(layer, time, unit)));
  const gradient = gradientBox === null ? null : new GradientThroughTime(gradientBox);
  const positions = positionsBox === null ? null : new PositionScores(positionsBox);

  return {
    subscription: (statistics) => build.subscribe(10, 0, statistics),
    render({ config, frame, data, revision, playing }, _view, compiling) {
      busy.hidden = !compiling;
      if (config === null) return;
      const part = sequencesPart(config);
      probe = part.probe;
      tests = data?.tests ?? 0;
      setText(goal, GOALS[part.task]);
      textBox.hidden = part.task !== "text";
      textEditor.render(part.text);
      probeNav.render(part.probe, tests);
      if (frame === null) return;
      if (shown === null || frame.header.revision >= revision) {
        if (shown !== null && shown.cell !== part.cell) {
          setText(fresh, `A new ${CELLS.find((c) => c.value === part.cell)?.label ?? part.cell} starts from fresh weights: only the output layer's carry over.`);
          fresh.hidden = false;
          window.clearTimeout(freshTimer);
          freshTimer = window.setTimeout(() => (fresh.hidden = true), 10_000);
        }
        shown = part;
      }
      sampleSection.hidden = shown.task !== "text" || frame.sample === null;
      // Cheap while closed (it keeps the input), so that opening it can ask at once.
      if (frame.hidden !== null) {
        const current = frame.header.revision >= revision;
        stepPanel.render({ cell: shown.cell, hidden: frame.hidden, gates: frame.gates, step: frame.header.step, revision: frame.header.revision, playing, current });
      }
      if (frame === drawn) return;
      drawn = frame;
      unrolled.render(frame, shown.task);
      if (frame.sample !== null && frame.inputs !== null) sample.render(frame.inputs.values, frame.vocabulary, frame.sample);
      if (frame.hidden !== null) states?.render(frame.hidden, frame.cells, frame.gates, GATES[shown.cell]);
      if (frame.gradient !== null) gradient?.render(frame.gradient);
      if (frame.scores !== null) positions?.render(frame.scores, classes(shown));
    },
    usesPlaybackKeys: false,
    receive(message) {
      if (message.kind === "step_explanation") stepPanel.receive(message);
    },
    refused(replyTo, message) {
      textEditor.refused(replyTo);
      return stepPanel.refused(replyTo, message);
    },
    reconnected: () => stepPanel.reconnected(),
    startLesson: () => undefined,
  };
}

const variants: Variants<SequencesFrame, Targets> = {
  title: "Gradient through time",
  subscription: build.subscribe(10, 0, true),
  mount(container) {
    const view = new GradientThroughTime(container);
    return { render: ({ frame }: Session<SequencesFrame, Targets>) => frame?.gradient != null && view.render(frame.gradient) };
  },
  // The frames carry no weights; at step 0 the probe's hidden states and outputs, which the
  // weights alone decide for the same data, stand for them.
  start: (frame, data) => ({ data: [data.train, data.test], parameters: [frame.hidden?.values ?? null, frame.outputs?.values ?? null] }),
};

export const sequences: Lab<SequencesFrame, Targets> = {
  name: "sequences",
  preset: LAB_PRESETS.sequences,
  settings: SEQUENCES_SETTINGS,
  sections: SEQUENCES_SECTIONS,
  lessons: LESSONS,
  comparable: COMPARABLE,
  sessionControls: [".probe-buttons"],
  help: "Heatmaps: time runs across, units down · the gradient through time is on a log scale",
  layerDetail({ config, problem }, layer, count) {
    const part = sequencesPart(config);
    if (layer === count - 1) return problem === "regression" ? "Linear" : "Softmax";
    return `${CELLS.find((c) => c.value === part.cell)?.label ?? part.cell}, ${part.hidden} units`;
  },
  readFrame: readSequencesFrame,
  readData: readTargets,
  mount,
  variants,
};
