// Wires the page: server messages update the state, the state is drawn at most once
// per animation frame, and the controls send requests back.

import "./style.css";

import { build, MindscopeClient, PROTOCOL_VERSION, socketUrl, type ConnectionStatus } from "./protocol/client";
import { RenderScheduler } from "./scheduler";
import { AppState } from "./state";
import { Controls, bindShortcuts, type ControlActions } from "./views/controls";
import { Counters } from "./views/counters";
import { HeatmapView } from "./views/heatmap";
import { LossChart } from "./views/lossChart";
import { Notices } from "./views/notices";

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connecting: "Connecting…",
  open: "Connected",
  reconnecting: "Reconnecting…",
};

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`#${id} is missing from the page`);
  return found as T;
}

/** The session in the page's address (?session=...), so a reload or a shared link
 *  rejoins the same training run while the server still has it. */
function sessionInAddress(): string | null {
  return new URLSearchParams(window.location.search).get("session");
}

function rememberSession(id: string): void {
  if (sessionInAddress() === id) return;
  const url = new URL(window.location.href);
  url.searchParams.set("session", id);
  window.history.replaceState(null, "", url);
}

const state = new AppState();
const heatmap = new HeatmapView(element<HTMLCanvasElement>("output-heatmap"));
const chart = new LossChart(element("loss-chart"));
const counters = new Counters(document);
const notices = new Notices(element("notices"));
const statusLine = element("connection-status");
let showTest = false;
let connected = false;

const render = (): void => {
  const data = state.data;
  heatmap.draw(state.frame?.grid ?? null, data?.train ?? null, showTest ? (data?.test ?? null) : null);
  chart.update(state.history);
  if (state.frame !== null) counters.render(state.frame.header);
  controls.render({ connected, playing: state.playing, learningRate: state.config?.learning_rate });
};
const scheduler = new RenderScheduler(render);

const client = new MindscopeClient(
  {
    status(status, detail) {
      connected = status === "open";
      statusLine.textContent = STATUS_TEXT[status] + (detail ? ` (${detail})` : "");
      statusLine.dataset["status"] = status;
      scheduler.invalidate();
    },
    hello(message) {
      rememberSession(message.session_id);
      if (message.protocol !== undefined && message.protocol !== PROTOCOL_VERSION) {
        notices.show(`The server speaks protocol ${message.protocol}, this page ${PROTOCOL_VERSION}: reload the page.`);
      }
      state.applyHello(message.session_id);
      scheduler.invalidate();
    },
    state(message) {
      state.applyState(message.config, message.revision, message.playing);
      scheduler.invalidate();
    },
    error(message) {
      notices.show(message.message);
      controls.resync(); // a refused change: show the server's values again
      scheduler.invalidate();
    },
    frame(frame) {
      state.applyFrame(frame);
      scheduler.invalidate();
    },
    data(data) {
      state.applyData(data);
      scheduler.invalidate();
    },
  },
  { url: (session) => socketUrl(window.location, session), session: sessionInAddress() ?? undefined },
);

const actions: ControlActions = {
  togglePlay: () => client.send(state.playing ? build.pause() : build.play()),
  step: () => client.send(build.step(1)),
  reset: () => client.send(build.reset()),
  setLearningRate: (rate) => client.send(build.set({ learning_rate: rate })),
  showTestData: (show) => {
    showTest = show;
    scheduler.invalidate();
  },
};
const controls = new Controls(document, actions);
bindShortcuts(window, actions, () => connected);

client.connect();
scheduler.invalidate();
