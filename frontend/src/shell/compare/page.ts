// The comparison page: one session per variant, opened over the ordinary protocol with
// the same settings (so the same data and the same initial weights) but for the one
// setting varied. The sessions stay paused; the page drives them in lockstep with
// `step` requests, one round at a time, and starts a round only when every variant's
// frame for the last one has arrived.

import "../theme.css";
import "../style.css";
import "./compare.css";

import { build, MindscopeClient, socketUrl } from "../../protocol/client";
import type { ConfigChanges } from "../../protocol/messages";
import type { Lab, Session, Variants } from "../lab";
import { labOf, SettingsTable } from "../settings";
import { AppState } from "../state";
import { CLASS_COLORS, cssColor } from "../views/colormap";
import { formatLoss } from "../views/counters";
import { button, h, labelFor, select, setText } from "../views/dom";
import { Notices } from "../views/notices";
import { CompareChart } from "./compareChart";
import { Lockstep } from "./lockstep";
import { readPlan, ROUND_STEPS, variantChanges, variantLabel, type ComparePlan, type CompareSetup } from "./plan";

const MIN_ROUND_MS = 60; // at most ~16 rounds a second: the server's step budget and the eye
const COLORS = CLASS_COLORS.slice(4).concat(CLASS_COLORS.slice(0, 4)).map(cssColor);

function element<T extends HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (found === null) throw new Error(`${selector} is missing from the page`);
  return found;
}

/** One variant: its session, what it last sent, and the lab's view of it. */
class Variant<F extends object, D> {
  readonly state: AppState<F, D>;
  readonly client: MindscopeClient;
  /** The revision of the reset that put it at step 0 with its settings, once answered. */
  private startRevision: number | null = null;
  private resetId: number | null = null;
  diverged: string | null = null;
  /** Why the variant left the comparison for good (refused, or reconnected mid-run), or null. */
  lost: string | null = null;
  private joined = false;
  private readonly view: { render(session: Session<F, D>): void };
  private readonly readout: HTMLElement;

  constructor(
    lab: Lab<F, D>,
    readonly label: string,
    color: string,
    changes: ConfigChanges,
    container: HTMLElement,
    private readonly events: { changed(): void; error(text: string, code: string | null | undefined): void; lost(text: string): void },
  ) {
    this.state = new AppState(lab);
    const article = h("article", { class: "variant", "data-variant": label }, h("h3", {}, h("span", { class: "swatch", style: `background: ${color}` }), label));
    container.append(article);
    this.view = lab.variants.mount(article, label);
    this.readout = h("p", { class: "variant-readout" }, "Starting…");
    article.append(this.readout);
    this.client = new MindscopeClient(
      {
        status: (status, detail) => {
          if (status === "refused") this.lose(`not connected${detail ? ` (${detail})` : ""}`);
        },
        hello: (message) => {
          // A reconnect rejoins the session mid-run: its steps no longer match the round
          // the others are in (and configuring it again would put it back at step 0).
          if (this.joined) {
            this.lose("the connection was lost and the session rejoined mid-run");
            return;
          }
          this.joined = true;
          this.state.applyHello(message.session_id ?? "");
          // Fresh sessions play: stop, take the settings, and go back to step 0 with them.
          this.send(build.pause());
          this.send(lab.variants.subscription);
          if (Object.keys(changes).length > 0) this.send(build.set(changes));
          this.resetId = this.client.send(build.reset());
        },
        state: (message) => {
          this.state.applyState(message, performance.now());
          if (message.reply_to === this.resetId && this.resetId !== null) this.startRevision = message.revision;
          this.events.changed();
        },
        error: (message) => {
          if (message.code === "diverged") this.diverged = message.message;
          this.events.error(`${label}: ${message.message}`, message.code);
        },
        binary: (message) => {
          this.state.applyBinary(message, performance.now());
          this.events.changed();
        },
      },
      { url: (session) => socketUrl(window.location, session, lab.name) },
    );
    this.client.connect();
  }

  /** Out of the comparison, saying why (once). */
  private lose(why: string): void {
    if (this.lost !== null) return;
    this.lost = `${this.label} dropped out: ${why}.`;
    this.client.close();
    setText(this.readout, this.lost);
    this.readout.classList.add("diverged");
    this.events.lost(this.lost);
  }

  send(message: Parameters<MindscopeClient["send"]>[0]): void {
    this.client.send(message);
  }

  /** Configured and at step 0: the frame after the reset has arrived. */
  get ready(): boolean {
    const frame = this.state.frame;
    return this.startRevision !== null && frame !== null && frame.header.revision >= this.startRevision && this.state.data !== null;
  }

  get step(): number | null {
    return this.ready ? this.state.frame!.header.step : null;
  }

  render(): void {
    this.view.render(this.state);
    const { frame } = this.state;
    if (frame === null || this.lost !== null) return;
    const { step, train_loss: train, test_loss: test, test_accuracy: accuracy } = frame.header;
    const parts = [`step ${step}`, `training loss ${formatLoss(train)}`, `test loss ${formatLoss(test)}`];
    if (accuracy !== null && accuracy !== undefined) parts.push(`test accuracy ${(accuracy * 100).toFixed(1)} %`);
    setText(this.readout, this.diverged ?? parts.join(" · "));
    this.readout.classList.toggle("diverged", this.diverged !== null);
    this.readout.dataset["step"] = String(step);
  }
}

/** Same data and same initial weights across variants, once all are at step 0; null where
 *  a comparison cannot hold (weights of different architectures). */
interface Origin {
  data: boolean;
  weights: boolean | null;
}

function sameStart<F extends object, D>(variants: readonly Variant<F, D>[], start: Variants<F, D>["start"]): Origin {
  type Arrays = readonly (ArrayLike<number> | null)[];
  const equal = (a: ArrayLike<number> | null | undefined, b: ArrayLike<number> | null | undefined): boolean =>
    a != null && b != null && a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => v === b[i]);
  const starts = variants.map(({ state: { frame, data } }) => (frame === null || data === null ? null : start(frame, data)));
  const [first, ...rest] = starts;
  const same = (arrays: (s: NonNullable<(typeof starts)[number]>) => Arrays): boolean =>
    rest.every((s) => s != null && first != null && arrays(s).length === arrays(first).length && arrays(s).every((a, i) => equal(a, arrays(first)[i])));
  const shapes = new Set(variants.map((v) => v.state.frame?.header.layer_sizes.join(",")));
  return { data: same((s) => s.data), weights: shapes.size > 1 ? null : same((s) => s.parameters) };
}

function compare<F extends object, D>(lab: Lab<F, D>, { table }: CompareSetup, plan: ComparePlan): void {
  const labels = plan.values.map((_, i) => variantLabel(table, plan, i));
  const notices = new Notices(element("#notices"));
  const status = element("#compare-status");
  const chart = new CompareChart(element("#compare-chart"), labels, COLORS);
  const lockstep = new Lockstep(plan.values.length, plan.stepsPerRound);
  let running = true;
  let lastRound = 0;
  let origin: Origin | null = null;
  let scheduled = false;
  let charted = 0; // rounds on the chart (after the starting point)
  // Read by the browser tests (and handy in the console).
  const exposed: { lockstep: Lockstep; origin: Origin | null; chartPoints: number } = { lockstep, origin, chartPoints: 0 };
  (window as unknown as { __mindscopeCompare: typeof exposed }).__mindscopeCompare = exposed;

  const update = (): void => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        pump();
        draw();
      });
    }
  };
  const variants = plan.values.map(
    (_, i) =>
      new Variant(lab, labels[i]!, COLORS[i]!, variantChanges(table, plan, i), element("#compare-variants"), {
        changed: update,
        error: (text, code) => {
          if (code === "diverged") lockstep.drop(i);
          notices.show(text);
          update();
        },
        lost: (text) => {
          lockstep.drop(i);
          notices.show(text);
          update();
        },
      }),
  );

  function pump(): void {
    if (!variants.every((v) => v.ready || v.diverged !== null || v.lost !== null)) return;
    const steps = variants.map((v) => v.step);
    if (!lockstep.complete(steps)) return;
    if (origin === null || lockstep.rounds.length > charted) {
      origin ??= exposed.origin = sameStart(variants.filter((v) => v.lost === null), lab.variants.start);
      charted = lockstep.rounds.length;
      chart.add(lockstep.target, variants.map((v) => (v.diverged === null && v.lost === null && v.state.frame ? [v.state.frame.header.test_loss, v.state.frame.header.train_loss] : null)));
      exposed.chartPoints = chart.points;
    }
    if (!running || lockstep.running().length === 0) return;
    const wait = lastRound + MIN_ROUND_MS - performance.now();
    if (wait > 0) {
      setTimeout(update, wait);
      return;
    }
    lastRound = performance.now();
    const round = lockstep.next();
    for (const i of round.variants) variants[i]!.send(build.step(round.steps));
  }

  function draw(): void {
    for (const v of variants) v.render();
    chart.render();
    const same = origin === null ? "starting…" : `same data ${origin.data ? "✓" : "✗"} · same initial weights ${origin.weights === null ? "n/a (different shapes)" : origin.weights ? "✓" : "✗"}`;
    setText(status, `Round ${lockstep.rounds.length}, step ${lockstep.target} · ${plan.stepsPerRound} steps a round · ${same}`);
    status.dataset["rounds"] = String(lockstep.rounds.length);
    toggle.textContent = running ? "Pause" : "Play";
  }

  const toggle = button("Pause", () => {
    running = !running;
    update();
  }, { class: "primary", "data-action": "toggle" });
  const rounds = select("Steps a round", ROUND_STEPS.map((n) => ({ value: String(n), label: `${n} steps a round` })), (value) => {
    const url = new URL(window.location.href);
    url.searchParams.set("round", value);
    window.location.assign(url.toString()); // a new comparison from step 0, reproducible by its URL
  });
  rounds.value = String(plan.stepsPerRound);
  const back = new URLSearchParams(window.location.search);
  for (const key of ["vary", "values", "round"]) back.delete(key);
  element("#compare-controls").append(toggle, labelFor("Steps a round", rounds), rounds, h("a", { href: `/?${back.toString()}`, class: "compare-back" }, "Back to the lab"));
  setText(element("#compare-plan"), `${labels.join("  vs  ")}; everything else the same`);
}

/** Run the comparison the address describes, between sessions of `lab`. */
export function openComparison<F extends object, D>(lab: Lab<F, D>): void {
  setText(element("#compare-variants-title"), lab.variants.title);
  const setup = { table: new SettingsTable(lab.settings, lab.sections, lab.preset), comparable: lab.comparable, lab: labOf(window.location.search) };
  const plan = readPlan(setup, window.location.search);
  if (typeof plan === "string") showNoComparison(`This comparison's address is not valid: ${plan}.`);
  else compare(lab, setup, plan);
}

/** Say why there is nothing to compare. */
export function showNoComparison(message: string): void {
  new Notices(element("#notices")).show(message);
  setText(element("#compare-status"), "Nothing to compare.");
}
