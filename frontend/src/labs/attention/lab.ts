// The attention lab: a small Transformer learning token tasks. Its page shows the task and
// the probe left; every head's attention map on the probe and the probe's answers centre;
// the step-through, the metrics, the accuracy per answer position, the embeddings' maps
// and the curves right.

import "../../shell/views/labColumns.css";
import "./attention.css";

import { build } from "../../protocol/client";
import { LAB_PRESETS } from "../../protocol/constants";
import type { AttentionConfigChanges } from "../../protocol/messages";
import type { Lab, LabPage, LabViews, Session, Variants } from "../../shell/lab";
import { h, setText } from "../../shell/views/dom";
import { ProbeNav } from "../../shell/views/probeNav";
import { readTargets, type Targets } from "../../shell/labData";
import { readAttentionFrame, type AttentionFrame } from "./frame";
import { LESSONS } from "./lessons";
import { ATTENTION_SECTIONS, ATTENTION_SETTINGS, attentionPart, COMPARABLE, GOALS } from "./settings";
import { AnswerScores } from "./views/answerScores";
import { AttentionMaps } from "./views/attentionMaps";
import { AttentionPanel } from "./views/attentionPanel";
import { EmbeddingMap } from "./views/embeddingMap";
import { ProbeTokens } from "./views/probeTokens";

function column(id: string, title: string, ...children: HTMLElement[]): HTMLElement {
  return h("section", { class: "column", "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

const panel = (name: string): HTMLElement => h("div", { class: "panel-body", "data-panel": name });
const sub = (title: string): HTMLElement => h("h2", { class: "sub" }, title);

function mount(page: LabPage): LabViews<AttentionFrame, Targets> {
  const { hidden, send } = page;
  const setLab = (changes: Omit<AttentionConfigChanges, "lab">): number | null => send(build.set({ lab: { lab: "attention", ...changes } }));
  let probe = 0;
  let tests = 0;
  let drawn: AttentionFrame | null = null;

  const goal = h("p", { class: "task-goal", id: "task-goal" });
  const probeBox = h("div", { class: "probe" });
  const tokensBox = h("div", { class: "tokens", id: "tokens" });
  const mapsBox = hidden.has("maps") ? null : h("div", { class: "attention-maps", id: "attention-maps", "data-section": "maps" });
  const scoresBox = hidden.has("positions-score") ? null : h("div", { "data-section": "positions-score" });
  const embeddingsBox = hidden.has("embeddings") ? null : h("div", { class: "embeddings", "data-section": "embeddings" });
  const stepBox = h("div", { class: "step-box" });
  const stepOpen = h("div", { class: "step-open" });
  const busy = h("p", { class: "busy", id: "busy", role: "status", hidden: true }, "Compiling the new network…");
  page.root.classList.add("attention", "lab-columns");
  page.root.append(
    column("attention-task-title", "Task and data", panel("attention-task"), goal, panel("attention-data"), sub("Probe"), probeBox, panel("attention-probe")),
    column(
      "transformer-title",
      "Transformer",
      panel("transformer"),
      busy,
      sub("The probe, token by token"),
      tokensBox,
      stepOpen,
      ...(mapsBox === null ? [] : [sub("Attention, head by head"), h("p", { class: "map-legend" }, "Rows: the query positions; columns: the keys they read · white 0, dark blue 1 · click a row to step through it"), mapsBox]),
    ),
    column(
      "test-title",
      "Test",
      stepBox,
      page.metrics,
      ...(scoresBox === null ? [] : [sub("Accuracy per answer position"), scoresBox]),
      ...(page.curves === null ? [] : [page.curves]),
      ...(embeddingsBox === null ? [] : [sub("Embeddings, on their two principal axes"), embeddingsBox]),
    ),
  );

  const probeNav = new ProbeNav(probeBox, (delta) => setLab({ probe: tests > 0 ? (((probe + delta) % tests) + tests) % tests : Math.max(0, probe + delta) }), "test example");
  const probeTokens = new ProbeTokens(tokensBox);
  const stepPanel = new AttentionPanel(stepBox, send, (open) => page.root.classList.toggle("stepping", open));
  stepOpen.append(stepPanel.toggle);
  const maps = mapsBox === null ? null : new AttentionMaps(mapsBox, (layer, head, query) => stepPanel.open({ layer, head, query, row: 0, column: 0 }));
  const scores = scoresBox === null ? null : new AnswerScores(scoresBox);
  const tokenBox = h("figure", { class: "embedding" });
  const positionBox = h("figure", { class: "embedding" });
  embeddingsBox?.append(tokenBox, positionBox);
  const tokenMap = embeddingsBox === null ? null : new EmbeddingMap(tokenBox, "Token embeddings on their two principal axes", "#0877bd");
  const positionMap = embeddingsBox === null ? null : new EmbeddingMap(positionBox, "Position embeddings on their two principal axes", "#f59322");
  tokenBox.append(h("figcaption", {}, "Tokens"));
  positionBox.append(h("figcaption", {}, "Positions"));

  return {
    subscription: (statistics) => build.subscribe(10, 0, statistics),
    render({ config, frame, data, revision, playing }, _view, compiling) {
      busy.hidden = !compiling;
      if (config === null) return;
      const part = attentionPart(config);
      probe = part.probe;
      tests = data?.tests ?? 0;
      setText(goal, GOALS[part.task]);
      probeNav.render(part.probe, tests);
      if (frame === null || frame.maps === null || frame.tokens === null) return;
      const separator = (frame.tokenMap?.shape[0] ?? 1) - 1;
      const [layers = 1, heads = 1, positions = 1] = frame.maps.shape;
      // Not current (a new network compiles): the panel asks nothing until it is.
      const current = frame.header.revision >= revision;
      stepPanel.render({ layers, heads, positions, width: part.width, tokens: frame.tokens, separator, step: frame.header.step, revision: frame.header.revision, playing, current });
      if (frame === drawn) return;
      drawn = frame;
      if (frame.targets !== null && frame.outputs !== null) probeTokens.render(frame.tokens, frame.targets, frame.outputs, separator, part.task === "modular");
      maps?.render(frame.maps, frame.tokens, separator);
      if (frame.scores !== null) scores?.render(frame.scores);
      if (frame.tokenMap !== null) tokenMap?.render(frame.tokenMap, (r) => (r === separator ? (part.task === "modular" ? "=" : "|") : String(r)));
      if (frame.positionMap !== null) positionMap?.render(frame.positionMap, (r) => String(r + 1));
    },
    usesPlaybackKeys: false,
    receive(message) {
      if (message.kind === "attention_explanation") stepPanel.receive(message);
    },
    refused: (replyTo, message) => stepPanel.refused(replyTo, message),
    reconnected: () => stepPanel.reconnected(),
    startLesson: () => undefined,
  };
}

const variants: Variants<AttentionFrame, Targets> = {
  title: "Attention of the first head",
  subscription: build.subscribe(10, 0, true),
  mount(container) {
    const box = h("div", { class: "attention-maps" });
    container.append(box);
    const view = new AttentionMaps(box, () => undefined);
    return {
      render: ({ frame }: Session<AttentionFrame, Targets>) => {
        if (frame?.maps != null && frame.tokens !== null) view.render(frame.maps, frame.tokens, (frame.tokenMap?.shape[0] ?? 1) - 1);
      },
    };
  },
  // The frames carry no weights; the embeddings' maps, which the token and position
  // embeddings alone decide, stand for them (the same for any number of heads or blocks).
  start: (frame, data) => ({ data: [data.train, data.test], parameters: [frame.tokenMap?.values ?? null, frame.positionMap?.values ?? null] }),
};

export const attention: Lab<AttentionFrame, Targets> = {
  name: "attention",
  preset: LAB_PRESETS.attention,
  settings: ATTENTION_SETTINGS,
  sections: ATTENTION_SECTIONS,
  lessons: LESSONS,
  comparable: COMPARABLE,
  sessionControls: [".probe-buttons"],
  help: "Attention maps: rows are queries, columns keys · the embeddings' maps rescale every frame",
  layerDetail({ config }, layer, count) {
    const part = attentionPart(config);
    if (layer === 0) return "Embeddings";
    if (layer === count - 1) return "Unembedding (softmax)";
    return `Block: ${part.heads} heads, width ${part.width}${part.mlp > 0 ? `, MLP ${part.mlp}` : ""}`;
  },
  readFrame: readAttentionFrame,
  readData: readTargets,
  mount,
  variants,
};
