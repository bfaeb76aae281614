// "Step through backprop": the user picks one training point on the output plot, the
// session pauses, the server explains that example (explain → explanation) and this view
// walks through its stages with Previous/Next and ←/→: the forward pass layer by layer,
// the loss, the backward pass from the output, the update. Every number is the engine's
// own; the old weights come from the paused frame. The diagram gets the numbers as labels
// on its nodes, the current layer highlighted; the panel writes the formulas out
// (stepStages.ts).

import "./stepThrough.css";

import type { DecodedExplanation } from "../../../protocol/codec";
import type { Config, Problem } from "../../../shell/settings";
import type { FrameView } from "../../../shell/state";
import { button, h, setText } from "../../../shell/views/dom";
import { ownsKey } from "../../../shell/views/playback";
import type { PointsFrame, PointSets } from "../frame";
import { NetworkShape } from "../network";
import { Explanation, formatValue, move, stages, stageTitle, type Stage } from "../stepThrough";
import type { Hover } from "./networkView";
import { toCanvas, toPlane } from "./plane";
import { plotCursor } from "./plotCursor";
import { nodeLabel, StageWriter, type Link, type Parameters, type Point } from "./stepStages";

export interface StepThroughActions {
  pause(): void;
  play(): void;
  /** Ask the server to explain one example; returns the request's id, or null when offline. */
  explain(x1: number, x2: number, label: number): number | null;
}

export interface StepThroughInput {
  config: Config;
  problem: Problem;
  frame: FrameView<PointsFrame> | null;
  data: PointSets | null;
  playing: boolean;
  revision: number;
}

const PICK_RADIUS = 14; // CSS px from a point that still picks it

export class StepThrough {
  active = false;
  private readonly toggle: HTMLButtonElement;
  private readonly panel = h("section", { class: "step-panel", "aria-label": "Backprop, step by step", hidden: true });
  private readonly title = h("h3", { class: "step-title" });
  private readonly count = h("span", { class: "step-count" });
  private readonly hint = h("p", { class: "step-hint", role: "status" });
  private readonly body = h("div", { class: "step-body" });
  private readonly previous: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly ring = h("div", { class: "step-pick", hidden: true });
  private input: StepThroughInput | null = null;
  private point: Point | null = null;
  private explanation: Explanation | null = null;
  private stageList: Stage[] = [];
  private stage = 0;
  private selected: Link | null = null;
  private pending: number | null = null;
  private explainedRevision = -1;
  private wasPlaying = false;
  private drawnKey = "";
  private explanationDrawn: Explanation | null = null;
  /** Whether the diagram carries our labels (to clear them once after the mode ends). */
  private labelled = false;

  constructor(
    container: HTMLElement,
    private readonly plot: HTMLCanvasElement,
    private readonly network: HTMLElement | null,
    private readonly actions: StepThroughActions,
  ) {
    this.toggle = button("Step through backprop", () => (this.active ? this.exit() : this.enter()), {
      class: "step-toggle",
      "aria-pressed": "false",
      title: "Pick a training point and follow it forward and backward through the network",
    });
    this.previous = button("← Previous", () => this.go(-1), { title: "←" });
    this.next = button("Next →", () => this.go(1), { title: "→" });
    this.panel.append(
      h("header", { class: "step-head" }, this.title, this.count),
      this.hint,
      this.body,
      h("div", { class: "step-nav" }, this.previous, this.next, button("Exit", () => this.exit(), { title: "Esc: back to the live view" })),
    );
    container.append(this.toggle, this.panel);
    plot.parentElement?.append(this.ring);
    plot.addEventListener("click", (event) => this.clicked(event));
    network?.addEventListener("network-hover", (event) => this.hovered((event as CustomEvent<Hover | null>).detail));
    window.addEventListener("keydown", (event) => this.key(event));
  }

  /** Pause training and wait for a point to be picked. */
  enter(): void {
    if (this.active) return;
    this.active = true;
    this.wasPlaying = this.input?.playing ?? false;
    this.actions.pause();
    this.drawnKey = "";
    this.update();
  }

  /** Back to the live view, training again if it was when the mode began (unless `resume`
   *  is false: the caller decides what runs next). */
  exit(resume = true): void {
    if (!this.active) return;
    this.active = false;
    this.point = this.explanation = this.selected = null;
    this.pending = null;
    if (resume && this.wasPlaying) this.actions.play();
    this.update();
  }

  /** The server's answer to our latest request (older answers are dropped). */
  receive(message: DecodedExplanation): void {
    if (!this.active || message.header.reply_to !== this.pending) return;
    this.pending = null;
    const explanation = new Explanation(message);
    const sameShape = this.explanation !== null && this.explanation.sizes.join() === explanation.sizes.join();
    this.explanation = explanation;
    this.stageList = stages(explanation.sizes);
    if (!sameShape) this.stage = 0;
    this.stage = move(this.stage, 0, this.stageList.length);
    this.update();
  }

  /** A request of ours was refused: stop waiting for it. */
  refused(replyTo: number | null | undefined): void {
    if (replyTo !== undefined && replyTo !== null && replyTo === this.pending) this.pending = null;
  }

  /** The socket was replaced: a request sent on the old one will never be answered, so
   *  stop waiting for it and explain the picked point again on the new one. */
  reconnected(): void {
    this.pending = null;
    this.explainedRevision = -1;
    this.drawnKey = "";
  }

  render(input: StepThroughInput): void {
    this.input = input;
    // A paused session that changed (a weight edited, a step taken) is explained again.
    if (this.active && this.point !== null && !input.playing && this.pending === null && this.explainedRevision < input.revision) {
      this.explainedRevision = input.revision;
      this.pending = this.actions.explain(this.point.x1, this.point.x2, this.point.label);
      if (this.pending === null) this.explainedRevision = -1;
    }
    this.update();
  }

  // -- input ------------------------------------------------------------------------------

  private clicked(event: MouseEvent): void {
    if (!this.active) return;
    const train = this.input?.data?.train;
    const rect = this.plot.getBoundingClientRect();
    const [x, y] = [event.clientX - rect.left, event.clientY - rect.top];
    let best = -1;
    // Enter at the plot's keyboard cursor (a click of detail 0) picks the nearest point, however far.
    let bestDistance = event.detail === 0 ? Infinity : PICK_RADIUS;
    for (let i = 0; train != null && i < train.labels.length; i++) {
      const [px, py] = toCanvas(train.xy[2 * i]!, train.xy[2 * i + 1]!, rect.width, rect.height);
      const d = Math.hypot(px - x, py - y);
      if (d < bestDistance) [best, bestDistance] = [i, d];
    }
    if (best < 0 || train == null) {
      const [x1, x2] = toPlane(x, y, rect.width, rect.height);
      setText(this.hint, `No training point there (x₁ = ${formatValue(x1)}, x₂ = ${formatValue(x2)}): click on one of the points.`);
      return;
    }
    this.point = { x1: train.xy[2 * best]!, x2: train.xy[2 * best + 1]!, label: train.labels[best]! };
    this.explanation = this.selected = null;
    this.explainedRevision = -1;
    this.pending = null;
    this.stage = 0;
    if (this.input !== null) this.render(this.input);
  }

  private key(event: KeyboardEvent): void {
    if (!this.active || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (!["ArrowLeft", "ArrowRight", "Escape"].includes(event.key) || ownsKey(event.target, event.key)) return;
    event.preventDefault();
    if (event.key === "Escape") this.exit();
    else this.go(event.key === "ArrowRight" ? 1 : -1);
  }

  private go(delta: number): void {
    this.stage = move(this.stage, delta, this.stageList.length);
    this.selected = null;
    this.update();
  }

  private select(link: Link): void {
    this.selected = link;
    this.update();
  }

  /** A link hovered on the diagram, in the current backward layer or after it, whose δ is known. */
  private hovered(hover: Hover | null): void {
    const stage = this.explanation === null ? undefined : this.stageList[this.stage];
    if (!this.active || hover?.kind !== "link" || stage?.kind !== "backward" || hover.column < stage.column) return;
    const s = this.selected;
    if (s?.column !== hover.column || s.source !== hover.source || s.target !== hover.index) this.select({ column: hover.column, source: hover.source, target: hover.index });
  }

  /** The link whose chain rule a backward stage writes out: the one chosen, else its first. */
  private linkOf(stage: Stage): Link {
    return this.selected !== null && this.selected.column >= stage.column ? this.selected : { column: stage.column, source: 0, target: 0 };
  }

  // -- drawing ------------------------------------------------------------------------------

  private update(): void {
    this.toggle.setAttribute("aria-pressed", String(this.active));
    this.toggle.classList.toggle("on", this.active);
    document.body.classList.toggle("stepping", this.active);
    this.plot.classList.toggle("picking", this.active);
    plotCursor(this.plot).use("pick", this.active ? "picks the training point nearest to it" : null);
    this.panel.hidden = !this.active;
    this.placeRing();
    const weights = this.weights();
    const stage = this.explanation === null ? undefined : this.stageList[this.stage];
    // The diagram may have rebuilt its nodes: label them on every render while active.
    if (this.active || this.labelled) this.label(this.active && stage !== undefined ? stage : null, this.explanation);
    const key = `${this.active}|${this.stage}|${this.input?.playing}|${weights !== null}|${JSON.stringify(this.selected)}|${JSON.stringify(this.point)}|${this.pending}`;
    if (key === this.drawnKey && this.explanationDrawn === this.explanation) return;
    this.drawnKey = key;
    this.explanationDrawn = this.explanation;
    this.previous.disabled = stage === undefined || this.stage === 0;
    this.next.disabled = stage === undefined || this.stage === this.stageList.length - 1;
    if (!this.active || stage === undefined || this.input === null) {
      setText(this.title, "Backprop, step by step");
      setText(this.count, "");
      setText(this.hint, this.point === null ? "Click a training point on the plot (or focus the plot, move its cursor with the arrow keys and press Enter) to follow it through the network." : "Asking the engine…");
      this.body.replaceChildren();
      return;
    }
    const e = this.explanation!;
    setText(this.title, stageTitle(stage, e.sizes.length));
    setText(this.count, `${this.stage + 1} / ${this.stageList.length}`);
    const p = this.point!;
    const paused = this.input.playing ? " Training is running again: these numbers are from step " + e.step + "." : "";
    setText(this.hint, `Example (${formatValue(p.x1)}, ${formatValue(p.x2)}), label ${formatValue(p.label)}, at step ${e.step}.${paused}`);
    const writer = new StageWriter({ e, weights, config: this.input.config, problem: this.input.problem, point: p, link: this.linkOf(stage), select: (link) => this.select(link) });
    this.body.replaceChildren(...writer.rows(stage));
  }

  /** The frame's weights and biases, when they are the ones the explanation used. */
  private weights(): Parameters | null {
    const frame = this.input?.frame;
    const e = this.explanation;
    if (e === null || frame == null || frame.weights === null || frame.biases === null) return null;
    if (frame.header.step !== e.step || frame.header.layer_sizes.join() !== e.sizes.join()) return null;
    return { w: frame.weights, b: frame.biases, shape: new NetworkShape(e.sizes) };
  }


  // -- the diagram and the plot -------------------------------------------------------------

  /** Numbers beside the diagram's nodes, the current layer and the selected link's ends marked. */
  private label(stage: Stage | null, e: Explanation | null): void {
    this.labelled = stage !== null;
    if (this.network === null) return;
    for (const node of this.network.querySelectorAll<HTMLElement>(".node")) {
      const [column, index] = [Number(node.dataset["column"]), Number(node.dataset["index"])];
      const text = stage === null || e === null || e.sizes[column] === undefined || index >= e.sizes[column]! ? "" : nodeLabel(stage, e, column, index);
      let tag = node.querySelector<HTMLElement>(".step-label");
      if (text === "") tag?.remove();
      else {
        tag ??= node.appendChild(h("span", { class: "step-label" }));
        setText(tag, text);
      }
      node.classList.toggle("step-current", stage !== null && stage.column === column);
      const link = stage?.kind === "backward" ? this.linkOf(stage) : null;
      node.classList.toggle("step-end", link !== null && ((column === link.column && index === link.target) || (column === link.column - 1 && index === link.source)));
    }
  }

  private placeRing(): void {
    const p = this.point;
    this.ring.hidden = !this.active || p === null;
    if (p === null || !this.active) return;
    const [x, y] = toCanvas(p.x1, p.x2, this.plot.clientWidth, this.plot.clientHeight);
    this.ring.style.left = `${this.plot.offsetLeft + x}px`;
    this.ring.style.top = `${this.plot.offsetTop + y}px`;
  }
}
