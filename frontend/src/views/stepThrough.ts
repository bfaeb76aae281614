// "Step through backprop": the user picks one training point on the output plot, the
// session pauses, the server explains that example (explain → explanation) and this view
// walks through its stages with Previous/Next and ←/→: the forward pass layer by layer,
// the loss, the backward pass from the output, the update. Every number is the engine's
// own; the old weights come from the paused frame. The diagram gets the numbers as labels
// on its nodes, the current layer highlighted; the panel writes the formulas out.

import "./stepThrough.css";

import { NetworkShape, nodeName, outputActivation } from "../network";
import type { DecodedExplanation } from "../protocol/codec";
import type { Config, Problem } from "../settings";
import type { FrameView, PointSets } from "../state";
import { Explanation, factor, formatValue, move, stages, stageTitle, type Stage } from "../stepThrough";
import { ownsKey } from "./playback";
import { button, h, setText } from "./dom";
import type { Hover } from "./networkView";
import { toCanvas, toPlane } from "./outputPlot";

export interface StepThroughActions {
  pause(): void;
  play(): void;
  /** Ask the server to explain one example; returns the request's id, or null when offline. */
  explain(x1: number, x2: number, label: number): number | null;
}

export interface StepThroughInput {
  config: Config;
  problem: Problem;
  frame: FrameView | null;
  data: PointSets | null;
  playing: boolean;
  revision: number;
}

interface Point {
  x1: number;
  x2: number;
  label: number;
}

/** A link: the weight from node `source` of column − 1 to node `target` of `column`. */
interface Link {
  column: number;
  source: number;
  target: number;
}

const PICK_RADIUS = 14; // CSS px from a point that still picks it
const OPTIMIZER_NAMES: Record<string, string> = { momentum: "Momentum", nesterov: "Nesterov", adam: "Adam", adamw: "AdamW", rmsprop: "RMSprop", adagrad: "Adagrad" };

/** A number the tests and the eye read: its kind and place ride along as data attributes. */
function num(value: number, q: string, column: number, index: number, source?: number): HTMLElement {
  return h("span", { class: "num", "data-q": q, "data-column": column, "data-index": index, "data-source": source }, formatValue(value));
}

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

  /** Back to the live view, training again if it was when the mode began. */
  exit(): void {
    if (!this.active) return;
    this.active = false;
    this.point = this.explanation = this.selected = null;
    this.pending = null;
    if (this.wasPlaying) this.actions.play();
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
    let bestDistance = PICK_RADIUS;
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
    this.panel.hidden = !this.active;
    this.placeRing();
    const weights = this.weights();
    const stage = this.explanation === null ? undefined : this.stageList[this.stage];
    // The diagram may have rebuilt its nodes: label them on every render while active.
    if (this.active || this.labelled) this.label(this.active && stage !== undefined ? stage : null, this.explanation);
    const key = `${this.active}|${this.stage}|${this.input?.playing}|${weights !== null}|${JSON.stringify(this.selected)}`;
    if (key === this.drawnKey && this.explanationDrawn === this.explanation) return;
    this.drawnKey = key;
    this.explanationDrawn = this.explanation;
    this.previous.disabled = stage === undefined || this.stage === 0;
    this.next.disabled = stage === undefined || this.stage === this.stageList.length - 1;
    if (!this.active || stage === undefined || this.input === null) {
      setText(this.title, "Backprop, step by step");
      setText(this.count, "");
      setText(this.hint, this.point === null ? "Click a training point on the plot to follow it through the network." : "Asking the engine…");
      this.body.replaceChildren();
      return;
    }
    const e = this.explanation!;
    setText(this.title, stageTitle(stage, e.sizes.length));
    setText(this.count, `${this.stage + 1} / ${this.stageList.length}`);
    const p = this.point!;
    const paused = this.input.playing ? " Training is running again: these numbers are from step " + e.step + "." : "";
    setText(this.hint, `Example (${formatValue(p.x1)}, ${formatValue(p.x2)}), label ${formatValue(p.label)}, at step ${e.step}.${paused}`);
    this.body.replaceChildren(...this.stageRows(stage, e, weights));
  }

  /** The frame's weights and biases, when they are the ones the explanation used. */
  private weights(): { w: Float32Array; b: Float32Array; shape: NetworkShape } | null {
    const frame = this.input?.frame;
    const e = this.explanation;
    if (e === null || frame == null || frame.weights === null || frame.biases === null) return null;
    if (frame.header.step !== e.step || frame.header.layer_sizes.join() !== e.sizes.join()) return null;
    return { w: frame.weights, b: frame.biases, shape: new NetworkShape(e.sizes) };
  }

  private name(column: number, index: number): string {
    const sizes = this.explanation!.sizes;
    return nodeName(column, index, this.input!.config.features, sizes.length, sizes[sizes.length - 1]!);
  }

  private activation(column: number): string {
    const { config, problem } = this.input!;
    return column === this.explanation!.sizes.length - 1 ? outputActivation(problem, config.loss) : (config.activations[column - 1] ?? "");
  }

  private stageRows(stage: Stage, e: Explanation, weights: ReturnType<StepThrough["weights"]>): HTMLElement[] {
    switch (stage.kind) {
      case "input":
        return [
          formulaLine("The features of the example are the input layer's activations a."),
          ...range(e.sizes[0]!).map((i) => row(stage.column, i, `${this.name(0, i)} = `, num(e.a(0, i), "a", 0, i))),
        ];
      case "forward":
        return this.forwardRows(stage.column, e, weights);
      case "loss":
        return this.lossRows(e);
      case "backward":
        return this.backwardRows(stage.column, e, weights);
      case "update":
        return this.updateRows(stage.column, e, weights);
    }
  }

  private forwardRows(column: number, e: Explanation, weights: ReturnType<StepThrough["weights"]>): HTMLElement[] {
    const f = this.activation(column);
    const rows = [formulaLine(`z = Σᵢ wᵢ·aᵢ + b,   a = ${f}(z)`)];
    for (let j = 0; j < e.sizes[column]!; j++) {
      const sum =
        weights === null
          ? "Σ w·a + b"
          : [
              ...range(e.sizes[column - 1]!).map((i) => `${factor(weights.w[weights.shape.weightIndex(column - 1, i, j)]!)}×${factor(e.a(column - 1, i))}`),
              factor(weights.b[weights.shape.biasIndex(column - 1, j)]!),
            ].join(" + ");
      const activation = f === "softmax" ? `softmax(z)${subscriptOf(j)}` : `${f}(${formatValue(e.z(column, j))})`;
      rows.push(
        row(column, j, h("b", {}, this.name(column, j)), `: z = ${sum} = `, num(e.z(column, j), "z", column, j), h("br"), `a = ${activation} = `, num(e.a(column, j), "a", column, j)),
      );
    }
    return rows;
  }

  private lossRows(e: Explanation): HTMLElement[] {
    const last = e.sizes.length - 1;
    const { problem, config } = this.input!;
    const y = this.point!.label;
    const yHat = e.a(last, 0);
    const outputs = range(e.sizes[last]!).map((j) => row(last, j, `${this.name(last, j)} = `, num(e.a(last, j), "a", last, j)));
    let formula: string;
    let numbers: string;
    if (problem === "multiclass") {
      formula = "L = −ln ŷ_y  (cross-entropy: minus the log of the true class's probability)";
      numbers = `−ln(${formatValue(e.a(last, Math.round(y)))})`;
    } else if (problem === "binary" && config.loss === "log") {
      formula = "L = −[t·ln ŷ + (1 − t)·ln(1 − ŷ)],  t = (y + 1)/2";
      numbers = y > 0 ? `−ln(${formatValue(yHat)})` : `−ln(1 − ${formatValue(yHat)})`;
    } else if (config.loss === "huber") {
      formula = "L = ½(ŷ − y)² when |ŷ − y| ≤ 1, else |ŷ − y| − ½  (Huber)";
      numbers = `huber(${formatValue(yHat)} − ${factor(y)})`;
    } else {
      formula = "L = ½(ŷ − y)²  (half the squared error)";
      numbers = `½(${formatValue(yHat)} − ${factor(y)})²`;
    }
    return [formulaLine(formula), ...outputs, row(last, 0, `label y = ${formatValue(y)}`), row(last, 0, h("b", {}, "L"), ` = ${numbers} = `, num(e.loss, "loss", last, 0))];
  }

  /** The output's δ = ∂L/∂z, with the numbers for this loss and output activation. */
  private outputDelta(e: Explanation, j: number): string {
    const last = e.sizes.length - 1;
    const { problem, config } = this.input!;
    const y = this.point!.label;
    const a = formatValue(e.a(last, j));
    if (problem === "multiclass") return `ŷ${subscriptOf(j)} − [${j} = y] = ${a} − ${Math.round(y) === j ? 1 : 0}`;
    if (problem === "binary" && config.loss === "log") return `ŷ − t = ${a} − ${y > 0 ? 1 : 0}`;
    if (problem === "binary") return `(ŷ − y)(1 − ŷ²) = (${a} − ${factor(y)})(1 − ${factor(e.a(last, j))}²)`;
    if (config.loss === "huber") return `clip(ŷ − y, −1, 1) = clip(${a} − ${factor(y)}, −1, 1)`;
    return `ŷ − y = ${a} − ${factor(y)}`;
  }

  /** δ of a hidden neuron: f′(z) times the δs of the next layer, weighted by its links to them. */
  private hiddenDelta(column: number, j: number, e: Explanation, weights: NonNullable<ReturnType<StepThrough["weights"]>>): string {
    const terms = range(e.sizes[column + 1]!).map((k) => `${factor(weights.w[weights.shape.weightIndex(column, j, k)]!)}×${factor(e.delta(column + 1, k))}`);
    return `${this.activation(column)}′(${formatValue(e.z(column, j))}) × (${terms.join(" + ")})`;
  }

  private backwardRows(column: number, e: Explanation, weights: ReturnType<StepThrough["weights"]>): HTMLElement[] {
    const last = e.sizes.length - 1;
    const rows = [
      formulaLine(
        column === last
          ? "δ = ∂L/∂z: how much the loss changes with the output's weighted sum"
          : "δⱼ = f′(zⱼ) × Σₖ wⱼₖ·δₖ: each neuron's share of the blame, passed back along its links",
      ),
    ];
    for (let j = 0; j < e.sizes[column]!; j++) {
      const how = column === last ? this.outputDelta(e, j) : weights === null ? "f′(z) × Σₖ w·δₖ" : this.hiddenDelta(column, j, e, weights);
      rows.push(row(column, j, h("b", {}, `δ ${this.name(column, j)}`), ` = ${how} = `, num(e.delta(column, j), "delta", column, j)));
    }
    rows.push(formulaLine("∂L/∂w = δ(target) × a(source),   ∂L/∂b = δ"));
    const shape = new NetworkShape(e.sizes);
    const selected = this.linkOf({ kind: "backward", column });
    for (let j = 0; j < e.sizes[column]!; j++) {
      for (let i = 0; i < e.sizes[column - 1]!; i++) {
        const link = { column, source: i, target: j };
        const line = row(
          column,
          j,
          `∂L/∂w ${this.name(column - 1, i)}→${this.name(column, j)} = ${factor(e.delta(column, j))} × ${factor(e.a(column - 1, i))} = `,
          num(e.weightGrads[shape.weightIndex(column - 1, i, j)]!, "grad", column, j, i),
        );
        line.classList.add("link-row");
        line.classList.toggle("selected", selected.column === column && selected.source === i && selected.target === j);
        line.tabIndex = 0;
        line.addEventListener("mouseenter", () => this.select(link));
        line.addEventListener("focus", () => this.select(link));
        rows.push(line);
      }
      rows.push(row(column, j, `∂L/∂b ${this.name(column, j)} = δ = `, num(e.biasGrads[shape.biasIndex(column - 1, j)]!, "bgrad", column, j)));
    }
    rows.splice(1, 0, this.chainRule(selected, e));
    return rows;
  }

  /** The chain rule for one link, written out with its numbers. */
  private chainRule(link: Link, e: Explanation): HTMLElement {
    const { column, source, target } = link;
    const [s, t] = [this.name(column - 1, source), this.name(column, target)];
    const grad = e.weightGrads[new NetworkShape(e.sizes).weightIndex(column - 1, source, target)]!;
    return h(
      "p",
      { class: "chain-rule" },
      `Chain rule for the link ${s} → ${t}: ∂L/∂w = ∂L/∂z(${t}) · ∂z(${t})/∂w = δ(${t}) · a(${s}) = ${factor(e.delta(column, target))} × ${factor(e.a(column - 1, source))} = ${formatValue(grad)}`,
    );
  }

  private updateRows(column: number, e: Explanation, weights: ReturnType<StepThrough["weights"]>): HTMLElement[] {
    const { config } = this.input!;
    const sgd = config.optimizer === "sgd";
    const rate = formatValue(e.learningRate);
    const shape = new NetworkShape(e.sizes);
    const rows = [
      formulaLine(
        sgd
          ? `new = old − η × ∂L/∂w, with learning rate η = ${rate}`
          : `new = old + the ${OPTIMIZER_NAMES[config.optimizer] ?? config.optimizer} optimizer's update for this gradient (its own state and η = ${rate}; not −η × ∂L/∂w)`,
      ),
    ];
    if (config.regularization !== "none") rows.push(formulaLine("The gradient here is the data loss's alone; training adds the regularization term's."));
    const change = (q: string, j: number, i: number | undefined, label: string, old: number | null, grad: number, update: number): HTMLElement => {
      const how = sgd ? `−${rate} × ${factor(grad)} = ` : "update ";
      const oldPart: (string | HTMLElement)[] = old === null ? ["old"] : [num(old, `old-${q}`, column, j, i)];
      const newPart: (string | HTMLElement)[] = old === null ? [] : [" → ", num(old + update, `new-${q}`, column, j, i)];
      return row(column, j, `${label}: `, ...oldPart, ` + (${how}`, num(update, `step-${q}`, column, j, i), ")", ...newPart);
    };
    for (let j = 0; j < e.sizes[column]!; j++) {
      for (let i = 0; i < e.sizes[column - 1]!; i++) {
        const index = shape.weightIndex(column - 1, i, j);
        rows.push(change("w", j, i, `w ${this.name(column - 1, i)}→${this.name(column, j)}`, weights?.w[index] ?? null, e.weightGrads[index]!, e.weightUpdates[index]!));
      }
      const index = shape.biasIndex(column - 1, j);
      rows.push(change("b", j, undefined, `b ${this.name(column, j)}`, weights?.b[index] ?? null, e.biasGrads[index]!, e.biasUpdates[index]!));
    }
    return rows;
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

/** What a node shows at a stage: its activation going forward, its δ coming back. */
function nodeLabel(stage: Stage, e: Explanation, column: number, index: number): string {
  switch (stage.kind) {
    case "input":
      return column === 0 ? `a=${formatValue(e.a(0, index))}` : "";
    case "forward":
      if (column > stage.column) return "";
      return column === stage.column ? `z=${formatValue(e.z(column, index))} a=${formatValue(e.a(column, index))}` : `a=${formatValue(e.a(column, index))}`;
    case "loss":
      return column === stage.column ? `ŷ=${formatValue(e.a(column, index))} L=${formatValue(e.loss)}` : "";
    case "backward":
      return column >= stage.column ? `δ=${formatValue(e.delta(column, index))}` : "";
    case "update":
      return "";
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const SUBSCRIPT = "₀₁₂₃₄₅₆₇₈₉";
const subscriptOf = (n: number): string => [...String(n)].map((d) => SUBSCRIPT[Number(d)]).join("");

function formulaLine(text: string): HTMLElement {
  return h("p", { class: "step-formula" }, text);
}

function row(column: number, index: number, ...parts: (string | Node)[]): HTMLElement {
  return h("p", { class: "step-row", "data-column": column, "data-index": index }, ...parts);
}
