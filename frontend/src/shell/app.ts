// Wires the lab page: the URL gives the settings, the lab lays out its views, server
// messages update the state, the state is drawn at most once per animation frame, and
// every control sends its request.

import "./theme.css";
import "./style.css";

import { build, MindscopeClient, socketUrl, type ClientMessage, type ConnectionStatus } from "../protocol/client";
import { PROTOCOL_VERSION } from "../protocol/constants";
import type { ConfigChanges } from "../protocol/messages";
import { exportCurves, exportSession, importSession } from "../protocol/sessionFiles";
import { CompareEntry } from "./compare/compareEntry";
import type { Lab } from "./lab";
import { findLesson, lessonValues, type Lesson } from "./lessons";
import { RenderScheduler } from "./scheduler";
import { sameValue, SettingsTable, type Setting, type Value } from "./settings";
import { AppState, COMPILING_AFTER_MS } from "./state";
import { Counters, METRICS, PROGRESS } from "./views/counters";
import { DivergenceBanner, isDivergence } from "./views/divergence";
import { h } from "./views/dom";
import { InsideView } from "./views/insideView";
import { LandscapeView } from "./views/landscapeView";
import { LessonPanel } from "./views/lessonPanel";
import { LossChart } from "./views/lossChart";
import { Notices } from "./views/notices";
import { bindShortcuts, Playback } from "./views/playback";
import { download, SessionFiles } from "./views/sessionFiles";
import { SettingsPanel } from "./views/settingsPanel";
import { ShareLink, viewLink } from "./views/shareLink";
import { enterViewOnly, sessionControls } from "./views/viewOnly";

const STATUS_TEXT: Record<ConnectionStatus, string> = { connecting: "Connecting…", open: "Connected", reconnecting: "Reconnecting…", refused: "Not connected" };

function element<T extends HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (found === null) throw new Error(`${selector} is missing from the page`);
  return found;
}

/** The page for an address that names no lab there is: `message` says so, nothing connects. */
export function showNoLab(message: string): void {
  for (const part of document.querySelectorAll("body > :not(header, main), header > :not(.brand), #share")) part.remove();
  const status = element("#connection-status");
  status.textContent = STATUS_TEXT.refused;
  status.dataset["status"] = "refused";
  element("#lab").append(h("p", { class: "no-lab", role: "alert" }, message));
}

/** Run the lab page with `lab`. */
export function openLabPage<F extends object, D>(lab: Lab<F, D>): void {
  // -- the URL: settings, hidden parts, presentation mode --------------------------------

  const table = new SettingsTable(lab.settings, lab.sections, lab.preset);
  const url = table.readUrl(window.location.search);
  const hidden = url.hidden;
  const present = url.present;
  /** This page's view settings (test points, gradients, ...), which live only in the URL. */
  const view = new Map([...url.values].filter(([key]) => table.byKey.get(key)?.scope === "view"));
  const viewFlag = (key: string): boolean => view.get(key) === true;

  document.body.classList.toggle("present", present);
  for (const section of table.sections) {
    if (hidden.has(section)) document.querySelectorAll<HTMLElement>(`[data-section="${section}"]`).forEach((e) => e.remove());
  }
  element("#help").textContent = `Space: play/pause · →: one step · ?: all shortcuts · ${lab.help}`;

  /** Performance counters read by the browser tests (and handy in the console). */
  const stats = { renders: 0, framesDrawn: 0, framesReceived: 0, renderMs: 0 };
  (window as unknown as { __mindscopeStats: typeof stats }).__mindscopeStats = stats;

  // -- state and views -------------------------------------------------------------------

  const state = new AppState(lab);
  const notices = new Notices(element("#notices"));
  if (url.invalid.length > 0) {
    notices.show(`Ignored invalid settings in the address: ${url.invalid.join(", ")}. Their defaults are used instead.`);
  }
  if (url.lesson !== undefined && findLesson(lab.lessons, url.lesson) === undefined) {
    notices.show(`There is no lesson "${url.lesson}"; the lessons are ${lab.lessons.map((l) => l.id).join(", ")}.`);
  }

  const client = new MindscopeClient(
    {
      status(status, detail) {
        connected = status === "open";
        const line = element("#connection-status");
        line.textContent = STATUS_TEXT[status] + (detail ? ` (${detail})` : "");
        line.dataset["status"] = status;
        if (status === "refused" && detail !== undefined) notices.show(detail);
        scheduler.invalidate();
      },
      hello(message) {
        if (message.protocol !== PROTOCOL_VERSION) {
          notices.show(`The server speaks protocol ${message.protocol}, this page ${PROTOCOL_VERSION}: reload the page.`);
        }
        // A fresh session (none asked for, or ours expired) takes the URL's settings; a
        // rejoined one (the address's, or the one this page joined before a reconnect) keeps
        // its own, which the URL then follows.
        urlSettingsPending = message.role === "control" && message.session_id !== joined;
        if (message.session_id !== null) joined = message.session_id;
        state.applyHello(message.session_id ?? message.view_id);
        views.reconnected();
        if (message.role === "view") enterViewOnly(document, element("#notices"), sessionControls(table, lab.sessionControls));
        send(views.subscription(!hidden.has("inside")));
        scheduler.invalidate();
      },
      state(message) {
        state.applyState(message, performance.now());
        if (urlSettingsPending) {
          urlSettingsPending = false;
          const lesson = findLesson(lab.lessons, url.lesson);
          const current = table.configValues(state.config!);
          const differing = [...url.given].filter((key) => {
            const setting = table.byKey.get(key)!;
            return setting.scope === "config" && !sameValue(setting, current.get(key)!, url.values.get(key)!);
          });
          if (lesson !== undefined) openLesson(lesson, url.given);
          else if (differing.length > 0) setConfig(table.configChanges(url.values, differing));
        }
        if (message.playing) divergence.hide();
        settingsDirty = true;
        scheduler.invalidate();
      },
      error(message) {
        if (landscape?.fail(message.reply_to, message.message)) return;
        // A lab that shows the refusal of its own question where it was asked needs no notice.
        if (views.refused(message.reply_to, message.message) === true) return void scheduler.invalidate();
        if (isDivergence(message)) divergence.show(message);
        else notices.show(message.message);
        settingsDirty = true; // a refused change: show the session's values again
        scheduler.invalidate();
      },
      binary(message) {
        if (message.kind === "landscape") {
          landscape?.receive(message);
          return;
        }
        if (message.kind === "frame" || message.kind === "data" || message.kind === "history") state.applyBinary(message, performance.now());
        else views.receive(message);
        if (message.kind === "history" && message.header.new_run) notices.show(message.header.new_run);
        if (message.kind === "frame") stats.framesReceived++;
        scheduler.invalidate();
      },
    },
    {
      url: (capability) => socketUrl(window.location, capability, lab.name),
      capability: url.view !== undefined ? { role: "view", id: url.view } : url.session !== undefined ? { role: "control", id: url.session } : undefined,
    },
  );

  let connected = false;
  /** The session this page is in: the address's at first, then the one each hello names. */
  let joined: string | undefined = url.session;
  let urlSettingsPending = false;
  let settingsDirty = true;
  let drawnFrame: unknown = null;
  /** The part of the page an opened lesson talks about, scrolled into view once a frame
   *  shows the lesson's network (which may change the page's height), and that frame's
   *  least revision. */
  let lessonFocus: { section: string; revision: number } | null = null;

  const send = (message: ClientMessage): void => void client.send(message);
  const showError = (err: unknown): void => notices.show(err instanceof Error ? err.message : String(err));
  const setConfig = (changes: ConfigChanges): void => send(build.set(changes));

  const actions = {
    togglePlay: () => send(state.playing ? build.pause() : build.play()),
    step: () => send(build.step(1)),
    stepEpoch: () => send(build.stepEpoch()),
    reset: () => send(build.reset()),
    regenerate: () => send(build.regenerate()),
  };

  const change = (setting: Setting, value: Value): void => {
    if (setting.scope === "view") {
      view.set(setting.key, value);
      syncUrl();
      scheduler.invalidate();
    } else {
      setConfig(table.configChanges(new Map([[setting.key, value]]), [setting.key]));
    }
  };

  const playback = hidden.has("playback") ? null : new Playback(element("#playback"), actions);
  // While the lab uses the playback keys itself (the 2D lab's step-through), they are its.
  bindShortcuts(window, actions, () => connected && !hidden.has("playback") && !views.usesPlaybackKeys);
  const progress = new Counters(element("#progress"), PROGRESS);
  const divergence = new DivergenceBanner(element("#divergence"), {
    lowerRate: () => {
      const rate = state.config?.learning_rate ?? 0.03;
      setConfig({ learning_rate: Math.max(1e-5, Number((rate * 0.1).toPrecision(3))) });
      send(build.reset());
      send(build.play());
    },
    reset: () => send(build.reset()),
  });

  // The lab lays out its views, placing the shell's metrics and curves among them.
  const metricsList = h("dl", { class: "counters metrics", id: "metrics" });
  const chartContainer = hidden.has("curves") ? null : h("div", { id: "loss-chart", class: "loss-chart", role: "img", "aria-label": "Loss and accuracy over training steps" });
  const curves =
    chartContainer === null
      ? null
      : h(
          "div",
          { class: "curves", "data-section": "curves" },
          h("div", { class: "column-title" }, h("h2", { class: "sub" }, "Curves"), h("div", { class: "inline-settings", "data-panel": "curves" })),
          chartContainer,
        );
  const views = lab.mount({ root: element("#lab"), metrics: metricsList, curves, hidden, send: (message) => client.send(message) });
  const metrics = new Counters(metricsList, METRICS);

  const panels: SettingsPanel[] = [];
  for (const container of document.querySelectorAll<HTMLElement>("[data-panel]")) {
    const name = container.dataset["panel"];
    const settings = table.settings.filter((s) => s.panel === name && s.widget.kind !== "custom" && !hidden.has(s.key));
    panels.push(new SettingsPanel(container, settings, change));
  }

  // The curves take a fifth of the viewport's height, so they stay on the first screen (and
  // fill a projector's in presentation mode, where the page follows the viewport too).
  const chart = chartContainer === null ? null : new LossChart(chartContainer, () => Math.round(Math.min(340, Math.max(120, 0.2 * window.innerHeight))));
  const insideContainer = document.querySelector<HTMLElement>("#inside");
  const inside = insideContainer === null ? null : new InsideView(insideContainer, () => (present ? 320 : 230), () => scheduler.invalidate(), lab.layerDetail);
  const landscapePanel = document.querySelector<HTMLDetailsElement>("#landscape");
  const landscape =
    landscapePanel === null
      ? null
      : new LandscapeView(
          landscapePanel,
          (o) => client.send(build.landscape(o.directions, o.resolution, o.span)),
          () => ({ step: state.frame?.header.step ?? null, revision: state.revision }),
        );
  const compareContainer = document.querySelector<HTMLElement>("#compare-entry");
  if (compareContainer !== null) {
    const setup = { table, comparable: lab.comparable, lab: url.lab };
    new CompareEntry(compareContainer, setup, () => (state.config === null ? null : new Map([...table.configValues(state.config), ...view])));
  }
  const sessionContainer = document.querySelector<HTMLElement>("#session-files");
  const sessionFiles =
    sessionContainer === null
      ? null
      : new SessionFiles(sessionContainer, {
          export: () => {
            // The session's own id: a watcher's page knows only a view id, which cannot export.
            const id = client.sessionId;
            if (id === undefined) return;
            exportSession(id).then(({ blob, filename }) => download(blob, filename), showError);
          },
          // The imported session starts paused in the exported state: join it (a fresh page).
          import: (file) => importSession(file).then(joinSession, showError),
          curves: () => {
            const id = client.sessionId;
            if (id !== undefined) exportCurves(id).then(({ blob, filename }) => download(blob, filename), showError);
          },
          failed: showError,
        });
  const share = new ShareLink(element("#share"));
  const lessons = new LessonPanel(lab.lessons, element("#lessons"), element("#lesson"), {
    open: (lesson) => openLesson(lesson),
    play: () => send(build.play()),
    close: () => {
      lessons.show(null);
      syncUrl();
    },
  }, present);
  lessons.show(findLesson(lab.lessons, url.lesson) ?? null); // a fresh session also gets its preset (see state)

  /** Apply a lesson's preset to the session (every setting: the preset's value or the
   *  default; `keep` names settings the address sets itself, which win), paused, with what
   *  it talks about in view: the learner reads it first, then starts it. */
  function openLesson(lesson: Lesson, keep: ReadonlySet<string> = new Set()): void {
    const { values } = lessonValues(table, lesson);
    for (const key of keep) values.set(key, url.values.get(key)!);
    for (const [key, value] of values) if (table.byKey.get(key)?.scope === "view") view.set(key, value);
    setConfig(table.configChanges(values, table.settings.map((s) => s.key)));
    send(build.reset());
    send(build.pause());
    views.startLesson(lesson);
    lessons.show(lesson);
    lessonFocus = lesson.focus === undefined ? null : { section: lesson.focus, revision: state.revision + 1 };
    settingsDirty = true;
    scheduler.invalidate();
  }

  /** Open session `id` in this tab, keeping this page's lab, view settings and hidden parts. */
  function joinSession(id: string): void {
    window.location.assign(`?${table.writeUrl(view, { lab: url.lab, session: id, hidden, present })}`);
  }

  function syncUrl(): void {
    if (state.config === null) return;
    const values = new Map([...table.configValues(state.config), ...view]);
    const watching = client.role === "view" ? client.viewId : undefined;
    const query = table.writeUrl(values, { lab: url.lab, session: client.sessionId, view: watching, hidden, present, lesson: lessons.current?.id });
    if (query !== window.location.search.slice(1)) window.history.replaceState(null, "", `?${query}`);
  }

  // -- drawing ---------------------------------------------------------------------------

  function render(): void {
    stats.renders++;
    const now = performance.now();
    draw(now);
    stats.renderMs += performance.now() - now;
  }

  function draw(now: number): void {
    const { config, frame } = state;
    playback?.render(connected, state.playing);
    sessionFiles?.render(connected);
    share.render(client.role === "control" && client.viewId !== undefined ? viewLink(window.location, client.viewId, url.lab) : null);
    if (config !== null && settingsDirty) {
      settingsDirty = false;
      const values = new Map([...table.configValues(config), ...view]);
      const context = { config, problem: state.problem };
      for (const panel of panels) panel.render(values, context);
      syncUrl();
    }
    const compiling = state.compiling(now);
    views.render(state, view, compiling);
    if (lessonFocus !== null && frame !== null && frame.header.revision >= lessonFocus.revision) {
      document.querySelector(`[data-section="${lessonFocus.section}"]`)?.scrollIntoView({ block: "nearest" });
      lessonFocus = null;
    }
    if (frame !== null) {
      if (frame !== drawnFrame) stats.framesDrawn++;
      drawnFrame = frame;
      const readout = { header: frame.header, stepsPerSecond: state.speed.rate };
      progress.render(readout);
      metrics.render(readout);
    }
    chart?.update(state.history, viewFlag("log_scale"), state.problem !== "regression", viewFlag("log_steps"), state.previousRun);
    if (config !== null) inside?.render({ frame, norms: state.gradientNorms, context: { config, problem: state.problem } });
    // Not compiling yet, but behind: look again once the grace period is over.
    if (state.behindSince !== null && !compiling) setTimeout(() => scheduler.invalidate(), COMPILING_AFTER_MS + 10);
  }

  const scheduler = new RenderScheduler(render);
  client.connect();
  scheduler.invalidate();
}
