// What each stage of the backprop step-through writes out: the formula, then each
// neuron's and weight's numbers (every one the engine's, from the explanation, with the
// old weights from the paused frame), as rows of the step-through's panel.

import type { Config, Problem } from "../../../shell/settings";
import { h } from "../../../shell/views/dom";
import { NetworkShape, nodeName, outputActivation, subscript } from "../network";
import { pointsPart } from "../settings";
import { factor, formatValue, type Explanation, type Stage } from "../stepThrough";

export interface Point {
  x1: number;
  x2: number;
  label: number;
}

/** A link: the weight from node `source` of column − 1 to node `target` of `column`. */
export interface Link {
  column: number;
  source: number;
  target: number;
}

/** The frame's weights and biases (the ones the explanation used). */
export interface Parameters {
  w: Float32Array;
  b: Float32Array;
  shape: NetworkShape;
}

export interface StageContext {
  e: Explanation;
  weights: Parameters | null;
  config: Config;
  problem: Problem;
  point: Point;
  /** The link whose chain rule a backward stage writes out. */
  link: Link;
  /** Choose another link (a gradient's row was hovered). */
  select(link: Link): void;
}

const OPTIMIZER_NAMES: Record<string, string> = { momentum: "Momentum", nesterov: "Nesterov", adam: "Adam", adamw: "AdamW", rmsprop: "RMSprop", adagrad: "Adagrad" };

/** A number the tests and the eye read: its kind and place ride along as data attributes. */
function num(value: number, q: string, column: number, index: number, source?: number): HTMLElement {
  return h("span", { class: "num", "data-q": q, "data-column": column, "data-index": index, "data-source": source }, formatValue(value));
}

export class StageWriter {
  constructor(private readonly c: StageContext) {}

  private name(column: number, index: number): string {
    const sizes = this.c.e.sizes;
    return nodeName(column, index, pointsPart(this.c.config).features, sizes.length, sizes[sizes.length - 1]!);
  }

  private activation(column: number): string {
    const { config, problem } = this.c;
    return column === this.c.e.sizes.length - 1 ? outputActivation(problem, config.loss) : (pointsPart(config).activations[column - 1] ?? "");
  }

  /** The panel's rows for one stage. */
  rows(stage: Stage): HTMLElement[] {
    const { e, weights } = this.c;
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

  private forwardRows(column: number, e: Explanation, weights: Parameters | null): HTMLElement[] {
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
      const activation = f === "softmax" ? `softmax(z)${subscript(j)}` : `${f}(${formatValue(e.z(column, j))})`;
      rows.push(
        row(column, j, h("b", {}, this.name(column, j)), `: z = ${sum} = `, num(e.z(column, j), "z", column, j), h("br"), `a = ${activation} = `, num(e.a(column, j), "a", column, j)),
      );
    }
    return rows;
  }

  private lossRows(e: Explanation): HTMLElement[] {
    const last = e.sizes.length - 1;
    const { problem, config } = this.c;
    const y = this.c.point.label;
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
    const { problem, config } = this.c;
    const y = this.c.point.label;
    const a = formatValue(e.a(last, j));
    if (problem === "multiclass") return `ŷ${subscript(j)} − [${j} = y] = ${a} − ${Math.round(y) === j ? 1 : 0}`;
    if (problem === "binary" && config.loss === "log") return `ŷ − t = ${a} − ${y > 0 ? 1 : 0}`;
    if (problem === "binary") return `(ŷ − y)(1 − ŷ²) = (${a} − ${factor(y)})(1 − ${factor(e.a(last, j))}²)`;
    if (config.loss === "huber") return `clip(ŷ − y, −1, 1) = clip(${a} − ${factor(y)}, −1, 1)`;
    return `ŷ − y = ${a} − ${factor(y)}`;
  }

  /** δ of a hidden neuron: f′(z) times the δs of the next layer, weighted by its links to them. */
  private hiddenDelta(column: number, j: number, e: Explanation, weights: Parameters): string {
    const terms = range(e.sizes[column + 1]!).map((k) => `${factor(weights.w[weights.shape.weightIndex(column, j, k)]!)}×${factor(e.delta(column + 1, k))}`);
    return `${this.activation(column)}′(${formatValue(e.z(column, j))}) × (${terms.join(" + ")})`;
  }

  private backwardRows(column: number, e: Explanation, weights: Parameters | null): HTMLElement[] {
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
    const selected = this.c.link;
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
        line.addEventListener("mouseenter", () => this.c.select(link));
        line.addEventListener("focus", () => this.c.select(link));
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

  private updateRows(column: number, e: Explanation, weights: Parameters | null): HTMLElement[] {
    const { config } = this.c;
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
}

/** What a node shows at a stage: its activation going forward, its δ coming back. */
export function nodeLabel(stage: Stage, e: Explanation, column: number, index: number): string {
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

function formulaLine(text: string): HTMLElement {
  return h("p", { class: "step-formula" }, text);
}

function row(column: number, index: number, ...parts: (string | Node)[]): HTMLElement {
  return h("p", { class: "step-row", "data-column": column, "data-index": index }, ...parts);
}
