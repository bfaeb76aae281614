// The network diagram: every feature, hidden neuron and output as a small live map,
// links coloured by sign and as wide as their magnitude (weights, or gradients in
// gradient mode), a bias mark on each neuron. Hover shows a neuron's map large with its
// formula, or a link's weight and gradient; clicking a link or bias edits it. The keyboard
// does the same: the links are one tab stop whose arrow keys choose a link and Enter edits
// it; a focused bias mark shows its neuron's formula and Enter edits it. Layer and neuron
// counts, activations and dropout are changed here too.
//
// The nodes follow the newest frame's shape, not the config's: while a new architecture
// compiles, the old network stays on screen with its last images instead of going blank.

import { formatNumber, type Config, type Problem } from "../../../shell/settings";
import type { FrameView } from "../../../shell/state";
import { themeColor } from "../../../shell/views/chart";
import { CLASS_COLORS, cssColor, divergingColor, levelTable, valueColor } from "../../../shell/views/colormap";
import { button, h, select, setText } from "../../../shell/views/dom";
import type { PointsFrame } from "../frame";
import { NetworkShape, formula, nodeName, outputActivation } from "../network";
import { ACTIVATIONS, DROPOUT_RATES, MAX_LAYERS, MAX_NEURONS, pointsPart } from "../settings";
import { InlineEditor } from "./inlineEditor";
import { layerStarts, linkAt, nextLink } from "./keyboard";
import { MapImage } from "./mapImage";
import { curvePoint, distanceToCurve, layoutNetwork, linkCurve, type Layout, type NodeBox } from "./networkLayout";

export interface NetworkActions {
  setHidden(hidden: number[]): void;
  setActivations(activations: string[]): void;
  setDropout(dropout: number[]): void;
  setWeight(layer: number, source: number, target: number, value: number): void;
  setBias(layer: number, neuron: number, value: number): void;
}

export interface NetworkInput {
  config: Config;
  problem: Problem;
  classes: number;
  frame: FrameView<PointsFrame> | null;
  gradients: boolean;
  /** The output map's colours, as the output plot uses them. */
  outputTable: Uint8ClampedArray | null;
}

/** Neuron maps are symmetric around 0, so one table serves them all. */
const NEURON_TABLE = levelTable(-1, 1, valueColor(false));
const LABEL_SPACE = 52; // room left of the inputs for their names
const HOVER_DISTANCE = 5; // px from a link that still counts as on it
const TIP_MAP = 50;

interface Node {
  box: NodeBox;
  element: HTMLElement;
  image: MapImage;
  bias: HTMLButtonElement | null;
  biasColor: string;
}

/** What the pointer is on; sent with the "network-hover" event. */
export interface Hover {
  kind: "node" | "link";
  column: number;
  index: number;
  /** For links: the source node in the previous column. */
  source: number;
}

export class NetworkView {
  private readonly header = h("div", { class: "network-header" });
  private readonly layerCount = h("span", { class: "layer-count" });
  private readonly allActivations: HTMLSelectElement;
  private readonly body = h("div", { class: "network-body" });
  private readonly links = h("canvas", {
    class: "links",
    tabindex: 0,
    role: "application",
    "aria-label": "Links between the neurons: arrow keys choose a link, Enter edits its weight",
    "aria-describedby": "network-tip",
    "data-owns-arrows": true,
  });
  private readonly heads = h("div", { class: "layer-heads" });
  private readonly feet = h("div", { class: "layer-feet" });
  private readonly nodesLayer = h("div", { class: "nodes" });
  private readonly tip = h("div", { class: "network-tip", id: "network-tip", role: "tooltip", hidden: true });
  private readonly tipImage = new MapImage(h("canvas", { class: "tip-map", width: TIP_MAP, height: TIP_MAP }));
  private readonly tipText = h("div", { class: "tip-text" });
  private readonly editor: InlineEditor;
  private readonly addLayerButton: HTMLButtonElement;
  private readonly removeLayerButton: HTMLButtonElement;
  private shape: NetworkShape | null = null;
  private shownFeatures: readonly string[] = [];
  private structureKey = "";
  private layout: Layout | null = null;
  private nodes: Node[][] = [];
  private hover: Hover | null = null;
  private input: NetworkInput | null = null;
  private width = 0;
  /** Where the nodes start below the layer heads, in px. */
  private top = 0;
  /** The link the keyboard chose, in the order of linkAt. */
  private keyLink = 0;

  constructor(
    root: HTMLElement,
    private readonly actions: NetworkActions,
    private readonly hidden: ReadonlySet<string>,
  ) {
    this.removeLayerButton = button("−", () => this.changeLayers(-1), { class: "icon", "aria-label": "Remove hidden layer", title: "Remove a hidden layer" });
    this.addLayerButton = button("+", () => this.changeLayers(1), { class: "icon", "aria-label": "Add hidden layer", title: "Add a hidden layer" });
    const activationOptions = [{ value: "", label: "Mixed" }, ...ACTIVATIONS];
    this.allActivations = select("Activation", activationOptions, (v) => v && this.actions.setActivations([v]), { id: "activation-all" });
    this.allActivations.options[0]!.disabled = true;
    if (!hidden.has("hidden")) this.header.append(h("div", { class: "layer-buttons" }, this.removeLayerButton, this.addLayerButton), this.layerCount);
    if (!hidden.has("activations")) {
      this.header.append(h("label", { class: "field inline", for: "activation-all" }, "Activation"), this.allActivations);
    }
    this.tip.append(this.tipImage.canvas, this.tipText);
    this.body.append(this.links, this.heads, this.nodesLayer, this.feet, this.tip);
    this.editor = new InlineEditor(this.body);
    root.append(this.header, this.body);

    this.body.addEventListener("mousemove", (e) => this.pointerMoved(e));
    this.body.addEventListener("mouseleave", () => this.setHover(null));
    this.body.addEventListener("click", (e) => this.clicked(e));
    this.links.addEventListener("keydown", (e) => this.linkKey(e));
    this.links.addEventListener("focus", () => this.chooseLink(this.keyLink));
    this.links.addEventListener("blur", () => {
      this.setHover(null);
      this.repaint(); // without the chosen link's outline
    });
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(() => {
        this.structureKey = ""; // relayout on the next render
        if (this.input !== null) this.render(this.input);
      }).observe(this.body);
    }
  }

  render(input: NetworkInput): void {
    this.input = input;
    const { config, frame } = input;
    const sizes = frame?.header.layer_sizes ?? [pointsPart(config).features.length, ...pointsPart(config).hidden, input.problem === "multiclass" ? input.classes : 1];
    // While a feature change compiles, the frame still has the old inputs: keep their names.
    const features = sizes[0] === pointsPart(config).features.length || this.shownFeatures.length !== sizes[0] ? pointsPart(config).features : this.shownFeatures;
    const key = `${sizes.join(",")}|${features.join(",")}|${input.problem}|${this.body.clientWidth}|${this.body.clientHeight}`;
    if (key !== this.structureKey) this.rebuild(key, sizes, features, input);
    this.renderControls(config);
    if (frame !== null) this.paint(input, frame);
  }

  // -- structure ------------------------------------------------------------------

  private rebuild(key: string, sizes: readonly number[], features: readonly string[], input: NetworkInput): void {
    this.structureKey = key;
    // The keyboard keeps its place: a focused bias mark is focused again once rebuilt.
    const active = document.activeElement;
    const focusedBias = active instanceof HTMLElement && active.classList.contains("bias") ? active.closest<HTMLElement>(".node") : null;
    this.shape = new NetworkShape(sizes);
    this.shownFeatures = features;
    this.width = Math.max(200, this.body.clientWidth);
    // Sizes follow the root font size, which presentation mode enlarges.
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 14;
    this.top = 3.2 * rem; // the layer heads above the nodes
    const layout = layoutNetwork(sizes, this.width - LABEL_SPACE, Math.max(200, this.body.clientHeight - this.top - 4.6 * rem));
    this.layout = layout;
    const columns = sizes.length;
    const name = (c: number, i: number): string => nodeName(c, i, features, columns, sizes[columns - 1]!);

    this.nodes = layout.nodes.map((column) =>
      column.map((box) => {
        const title = name(box.column, box.index);
        // The map is the image; the bias mark beside it is a control, so not inside the image.
        const image = new MapImage(h("canvas", { class: "node-map", role: "img", "aria-label": title }));
        const element = h("div", { class: "node", "data-column": box.column, "data-index": box.index }, image.canvas);
        element.style.cssText = `left:${LABEL_SPACE + box.x - layout.size / 2}px;top:${box.y - layout.size / 2}px;width:${layout.size}px;height:${layout.size}px`;
        if (box.column === 0) element.append(h("span", { class: "feature-name" }, title));
        let bias: HTMLButtonElement | null = null;
        if (box.column > 0) {
          bias = button("", () => this.editBias(box), { class: "bias", "aria-label": `Bias of ${title}`, "aria-describedby": "network-tip" });
          // Focus shows what hovering the neuron shows: its formula.
          bias.addEventListener("focus", () => this.showAt({ kind: "node", column: box.column, index: box.index, source: -1 }, LABEL_SPACE + box.x, this.top + box.y + layout.size / 2));
          bias.addEventListener("blur", () => this.setHover(null));
          element.append(bias);
        }
        if (box.column === columns - 1 && input.problem === "multiclass") this.paintSwatch(image, box.index);
        return { box, element, image, bias, biasColor: "" };
      }),
    );
    this.nodesLayer.replaceChildren(...this.nodes.flat().map((n) => n.element));
    this.nodesLayer.style.height = `${layout.height}px`;
    this.nodesLayer.style.top = this.links.style.top = `${this.top}px`;

    const dpr = window.devicePixelRatio || 1;
    this.links.width = Math.round(this.width * dpr);
    this.links.height = Math.round(layout.height * dpr);
    this.links.style.height = `${layout.height}px`;

    this.buildLayerControls(sizes, layout);
    this.setHover(null);
    const links = layerStarts(sizes).at(-1)!;
    if (this.keyLink >= links) this.keyLink = 0;
    if (focusedBias !== null) {
      this.biasMark({ column: Number(focusedBias.dataset["column"]), index: Number(focusedBias.dataset["index"]) })?.focus();
    } else if (document.activeElement === this.links && links > 0) {
      this.chooseLink(this.keyLink);
    }
  }

  private buildLayerControls(sizes: readonly number[], layout: Layout): void {
    const columns = sizes.length;
    const gap = columns > 1 ? layout.columns[1]! - layout.columns[0]! : this.width;
    // 7.5 rem: "No dropout" whole, at the presentation mode's larger text too.
    const widest = 7.5 * parseFloat(getComputedStyle(document.documentElement).fontSize);
    const place = (element: HTMLElement, c: number): HTMLElement => {
      const x = LABEL_SPACE + layout.columns[c]!;
      element.style.left = `${x}px`;
      // Centred on its column, and never wider than the room to the diagram's right edge.
      element.style.width = `${Math.min(widest, gap - 6, 2 * (this.width - x))}px`;
      return element;
    };
    const heads: HTMLElement[] = [place(h("div", { class: "layer-head" }, "Input"), 0), place(h("div", { class: "layer-head" }, "Output"), columns - 1)];
    const feet: HTMLElement[] = [];
    for (let layer = 0; layer < columns - 2; layer++) {
      const c = layer + 1;
      const head = h("div", { class: "layer-head", "data-layer": layer });
      if (!this.hidden.has("hidden")) {
        head.append(
          h(
            "div",
            { class: "layer-buttons" },
            button("−", () => this.changeNeurons(layer, -1), { class: "icon small", "aria-label": `Remove neuron from layer ${c}` }),
            button("+", () => this.changeNeurons(layer, 1), { class: "icon small", "aria-label": `Add neuron to layer ${c}` }),
          ),
        );
      }
      head.append(h("span", { class: "neuron-count" }));
      heads.push(place(head, c));
      const foot = h("div", { class: "layer-foot", "data-layer": layer });
      if (!this.hidden.has("activations")) {
        foot.append(select(`Activation of layer ${c}`, ACTIVATIONS, (v) => this.changeActivation(layer, v), { class: "compact", "data-kind": "activation" }));
      }
      if (!this.hidden.has("dropout")) {
        const rates = DROPOUT_RATES.map((r) => ({ value: String(r), label: r === 0 ? "No dropout" : `Dropout ${Math.round(r * 100)} %` }));
        foot.append(select(`Dropout of layer ${c}`, rates, (v) => this.changeDropout(layer, Number(v)), { class: "compact", "data-kind": "dropout" }));
      }
      feet.push(place(foot, c));
    }
    this.heads.replaceChildren(...heads);
    this.feet.replaceChildren(...feet);
    this.feet.style.top = `${this.top + layout.height + 8}px`;
  }

  private renderControls(config: Config): void {
    const layers = pointsPart(config).hidden.length;
    setText(this.layerCount, `${layers} hidden layer${layers === 1 ? "" : "s"}`);
    this.addLayerButton.disabled = layers >= MAX_LAYERS;
    this.removeLayerButton.disabled = layers === 0;
    const same = pointsPart(config).activations.every((a) => a === pointsPart(config).activations[0]);
    const all = same && layers > 0 ? pointsPart(config).activations[0]! : "";
    if (document.activeElement !== this.allActivations && this.allActivations.value !== all) this.allActivations.value = all;
    this.allActivations.disabled = layers === 0;
    for (const head of this.heads.querySelectorAll<HTMLElement>(".layer-head[data-layer]")) {
      const layer = Number(head.dataset["layer"]);
      const count = pointsPart(config).hidden[layer];
      setText(head.querySelector(".neuron-count")!, count === undefined ? "" : `${count} neuron${count === 1 ? "" : "s"}`);
      const [minus, plus] = head.querySelectorAll("button");
      if (minus !== undefined && plus !== undefined) {
        minus.disabled = count === undefined || count <= 1;
        plus.disabled = count === undefined || count >= MAX_NEURONS;
      }
    }
    for (const foot of this.feet.querySelectorAll<HTMLElement>(".layer-foot")) {
      const layer = Number(foot.dataset["layer"]);
      const values: Record<string, string> = { activation: pointsPart(config).activations[layer] ?? "", dropout: String(pointsPart(config).dropout[layer] ?? 0) };
      for (const control of foot.querySelectorAll("select")) {
        const value = values[control.dataset["kind"] ?? ""] ?? "";
        if (document.activeElement !== control && control.value !== value) control.value = value;
      }
    }
  }

  // -- painting, every frame ---------------------------------------------------------

  private paint(input: NetworkInput, frame: FrameView<PointsFrame>): void {
    const shape = this.shape;
    const layout = this.layout;
    if (shape === null || layout === null || !shape.equals(new NetworkShape(frame.header.layer_sizes))) return;
    const last = shape.sizes.length - 1;
    const neurons = frame.neurons;
    for (const column of this.nodes) {
      for (const node of column) {
        const { column: c, index } = node.box;
        if (c < last && neurons !== null) {
          node.image.paint(neurons.levels, shape.mapIndex(c, index) * neurons.size * neurons.size, neurons.size, NEURON_TABLE);
        } else if (c === last && input.problem !== "multiclass" && frame.output !== null && input.outputTable !== null) {
          node.image.paint(frame.output.levels, 0, frame.output.size, input.outputTable);
        }
      }
    }
    this.paintBiases(input.gradients ? frame.biasGrads : frame.biases, input.gradients);
    this.paintLinks(input.gradients ? frame.weightGrads : frame.weights, input.gradients);
    if (this.hover !== null) this.describe(this.hover);
  }

  private paintSwatch(image: MapImage, cls: number): void {
    const [r, g, b] = CLASS_COLORS[cls % CLASS_COLORS.length]!;
    const table = new Uint8ClampedArray(256 * 4).fill(255);
    for (let q = 0; q < 256; q++) table.set([r, g, b], q * 4);
    image.paint(new Uint8Array(1), 0, 1, table);
  }

  /** Weights are coloured on a fixed scale (|w| = 2 is full colour); gradients, which can be
   *  any size, relative to the largest of the frame, so their pattern is always visible. */
  private scale(values: Float32Array, relative: boolean): number {
    if (!relative) return 2;
    let max = 1e-12;
    for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]!));
    return max;
  }

  private paintLinks(values: Float32Array | null, relative: boolean): void {
    const shape = this.shape!;
    const layout = this.layout!;
    const ctx = this.links.getContext("2d")!;
    const dpr = this.links.width / this.width;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, layout.height);
    if (values === null) return;
    const scale = this.scale(values, relative);
    ctx.lineCap = "round";
    const stroke = (from: NodeBox, to: NodeBox, color: string, extra: number): void => {
      const v = values[shape.weightIndex(from.column, from.index, to.index)]! / scale;
      const [x0, y0, cx0, cx1, x1, y1] = linkCurve(from, to, layout.size);
      ctx.strokeStyle = color || cssColor(divergingColor(v));
      // Thinner where a layer's neurons zig-zag: many more links cross there.
      ctx.lineWidth = (layout.compact ? 0.4 : 0.6) + (layout.compact ? 2 : 5) * Math.min(1, Math.abs(v)) + extra;
      ctx.beginPath();
      ctx.moveTo(LABEL_SPACE + x0, y0);
      ctx.bezierCurveTo(LABEL_SPACE + cx0, y0, LABEL_SPACE + cx1, y1, LABEL_SPACE + x1, y1);
      ctx.stroke();
    };
    for (let layer = 0; layer < shape.layers; layer++) {
      for (const from of layout.nodes[layer]!) for (const to of layout.nodes[layer + 1]!) stroke(from, to, "", 0);
    }
    // The link the keyboard chose: on top, outlined in the text colour, so it stands out.
    const chosen = this.hover?.kind === "link" && document.activeElement === this.links ? this.hover : null;
    const from = chosen === null ? undefined : layout.nodes[chosen.column - 1]?.[chosen.source];
    const to = chosen === null ? undefined : layout.nodes[chosen.column]?.[chosen.index];
    if (from !== undefined && to !== undefined) {
      stroke(from, to, themeColor("--text"), 4);
      stroke(from, to, "", 0);
    }
  }

  private paintBiases(values: Float32Array | null, relative: boolean): void {
    if (values === null) return;
    const shape = this.shape!;
    const scale = this.scale(values, relative);
    for (const column of this.nodes.slice(1)) {
      for (const node of column) {
        const color = cssColor(divergingColor(values[shape.biasIndex(node.box.column - 1, node.box.index)]! / scale));
        if (node.bias !== null && color !== node.biasColor) {
          node.biasColor = color;
          node.bias.style.background = color;
        }
      }
    }
  }

  // -- hover and editing --------------------------------------------------------------

  private hit(event: MouseEvent): Hover | null {
    const target = event.target as HTMLElement;
    const nodeElement = target.closest<HTMLElement>(".node");
    if (nodeElement !== null) {
      if (target.classList.contains("bias")) return null; // its own label says it all
      return { kind: "node", column: Number(nodeElement.dataset["column"]), index: Number(nodeElement.dataset["index"]), source: -1 };
    }
    if (target !== this.body && target !== this.links && target !== this.nodesLayer) return null;
    const layout = this.layout;
    if (layout === null) return null;
    const rect = this.links.getBoundingClientRect();
    const x = event.clientX - rect.left - LABEL_SPACE;
    const y = event.clientY - rect.top;
    let best: Hover | null = null;
    let bestDistance = HOVER_DISTANCE;
    for (let layer = 0; layer + 1 < layout.nodes.length; layer++) {
      const [left, right] = [layout.columns[layer]!, layout.columns[layer + 1]!];
      if (x < left || x > right) continue;
      for (const from of layout.nodes[layer]!) {
        for (const to of layout.nodes[layer + 1]!) {
          const d = distanceToCurve(linkCurve(from, to, layout.size), x, y);
          if (d < bestDistance) {
            bestDistance = d;
            best = { kind: "link", column: layer + 1, index: to.index, source: from.index };
          }
        }
      }
    }
    return best;
  }

  private pointerMoved(event: MouseEvent): void {
    const hover = this.hit(event);
    this.body.style.cursor = hover?.kind === "link" ? "pointer" : "";
    if (hover !== null) {
      const rect = this.body.getBoundingClientRect();
      this.showAt(hover, event.clientX - rect.left, event.clientY - rect.top);
    } else {
      this.setHover(null);
    }
  }

  /** Hover `hover`, its tooltip beside (x, y) in the diagram. */
  private showAt(hover: Hover, x: number, y: number): void {
    this.setHover(hover);
    const flip = x > this.body.clientWidth - 260;
    this.tip.style.left = `${flip ? x - 250 : x + 16}px`;
    this.tip.style.top = `${y + 16}px`;
  }

  /** Choose link `n` (keyboard): hover it, its tooltip at its middle, and draw it outlined. */
  private chooseLink(n: number): void {
    if (this.layout === null || this.shape === null || this.shape.layers === 0) return;
    this.keyLink = n;
    const link = { kind: "link" as const, ...linkAt(this.shape.sizes, n) };
    this.showAt(link, ...this.linkMiddle(link));
    this.repaint();
  }

  /** The middle of a link's curve, in the diagram's coordinates. */
  private linkMiddle(link: Hover): [number, number] {
    const nodes = this.layout!.nodes;
    const [x, y] = curvePoint(linkCurve(nodes[link.column - 1]![link.source]!, nodes[link.column]![link.index]!, this.layout!.size), 0.5);
    return [LABEL_SPACE + x, this.top + y];
  }

  private repaint(): void {
    if (this.input?.frame != null) this.paint(this.input, this.input.frame);
  }

  private linkKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || this.shape === null) return;
    if (event.key === "Enter") {
      // The keyboard's link, whatever the mouse last hovered (or left) meanwhile.
      const link = { kind: "link" as const, ...linkAt(this.shape.sizes, this.keyLink) };
      this.editLink(link, ...this.linkMiddle(link));
    } else {
      const next = nextLink(this.shape.sizes, this.keyLink, event.key);
      if (next === null) return;
      this.chooseLink(next);
    }
    event.preventDefault();
  }

  private setHover(hover: Hover | null): void {
    this.hover = hover;
    this.tip.hidden = hover === null;
    if (hover !== null) this.describe(hover);
    // Other views follow what is hovered (the step-through explains the hovered link).
    this.body.dispatchEvent(new CustomEvent<Hover | null>("network-hover", { bubbles: true, detail: hover }));
  }

  private clicked(event: MouseEvent): void {
    const hover = this.hit(event);
    if (hover?.kind !== "link") return;
    const rect = this.body.getBoundingClientRect();
    this.editLink(hover, event.clientX - rect.left, event.clientY - rect.top);
  }

  /** Open the editor for a link's weight at (x, y) in the diagram. */
  private editLink(link: Hover, x: number, y: number): void {
    const weights = this.input?.frame?.weights;
    if (weights == null) return;
    const layer = link.column - 1;
    const weight = weights[this.shape!.weightIndex(layer, link.source, link.index)]!;
    const refocus = document.activeElement === this.links ? () => this.links.focus() : null;
    this.setHover(null);
    this.editor.show(x, y, `Weight from ${this.name(layer, link.source)} to ${this.name(link.column, link.index)}`, weight, (v) =>
      this.actions.setWeight(layer, link.source, link.index, v),
      refocus,
    );
  }

  private editBias(box: NodeBox): void {
    const biases = this.input?.frame?.biases;
    if (biases == null) return;
    const layer = box.column - 1;
    const value = biases[this.shape!.biasIndex(layer, box.index)]!;
    // The diagram may be rebuilt while the field is open: find the bias mark again to refocus it.
    const refocus = document.activeElement instanceof HTMLElement && document.activeElement.classList.contains("bias") ? () => this.biasMark(box)?.focus() : null;
    this.setHover(null);
    this.editor.show(box.x + LABEL_SPACE - this.layout!.size / 2, this.top + box.y + this.layout!.size / 2 + 4, `Bias of ${this.name(box.column, box.index)}`, value, (v) =>
      this.actions.setBias(layer, box.index, v),
      refocus,
    );
  }

  private biasMark({ column, index }: { column: number; index: number }): HTMLButtonElement | null {
    return this.nodes[column]?.[index]?.bias ?? null;
  }

  private name(column: number, index: number): string {
    const sizes = this.shape!.sizes;
    return nodeName(column, index, this.shownFeatures, sizes.length, sizes[sizes.length - 1]!);
  }

  /** Fill the tooltip for what is hovered, from the newest frame. */
  private describe(hover: Hover): void {
    const frame = this.input?.frame;
    const shape = this.shape;
    if (frame == null || shape === null || this.input === null) return;
    const { config, problem } = this.input;
    const last = shape.sizes.length - 1;
    const gradientTerm = (values: Float32Array | null, index: number, symbol: string): string =>
      values === null ? "" : ` · ${symbol} = ${formatNumber(Number(values[index]!.toPrecision(3)))}`;

    if (hover.kind === "link") {
      const layer = hover.column - 1;
      const index = shape.weightIndex(layer, hover.source, hover.index);
      this.tipImage.canvas.hidden = true;
      setText(
        this.tipText,
        `Weight ${this.name(layer, hover.source)} → ${this.name(hover.column, hover.index)} = ${formatNumber(Number(frame.weights?.[index]?.toFixed(4) ?? NaN))}` +
          gradientTerm(frame.weightGrads, index, "∂L/∂w") +
          (document.activeElement === this.links ? " (Enter to edit, arrows for other links)" : " (click to edit)"),
      );
      return;
    }
    const { column, index } = hover;
    const neurons = frame.neurons;
    this.tipImage.canvas.hidden = false;
    if (column < last && neurons !== null) {
      this.tipImage.paint(neurons.levels, shape.mapIndex(column, index) * neurons.size * neurons.size, neurons.size, NEURON_TABLE);
    } else if (frame.output !== null && this.input.outputTable !== null && problem !== "multiclass") {
      this.tipImage.paint(frame.output.levels, 0, frame.output.size, this.input.outputTable);
    } else {
      this.tipImage.canvas.hidden = true;
    }
    if (column === 0) {
      setText(this.tipText, `Input ${this.name(0, index)}`);
      return;
    }
    const layer = column - 1;
    const activation = column === last ? outputActivation(problem, config.loss) : (pointsPart(config).activations[layer] ?? "");
    const text =
      frame.weights !== null && frame.biases !== null
        ? `${this.name(column, index)} = ${formula(shape, layer, index, frame.weights, frame.biases, (i) => this.name(layer, i), activation)}` +
          gradientTerm(frame.biasGrads, shape.biasIndex(layer, index), "∂L/∂b")
        : this.name(column, index);
    setText(this.tipText, text);
  }

  // -- requests ------------------------------------------------------------------------

  /** The lab's settings the diagram last drew. */
  private settings(): ReturnType<typeof pointsPart> | null {
    return this.input === null ? null : pointsPart(this.input.config);
  }

  private changeLayers(delta: number): void {
    const hidden = [...(this.settings()?.hidden ?? [])];
    if (delta > 0 && hidden.length < MAX_LAYERS) hidden.push(hidden.at(-1) ?? 4);
    if (delta < 0) hidden.pop();
    this.actions.setHidden(hidden);
  }

  private changeNeurons(layer: number, delta: number): void {
    const hidden = [...(this.settings()?.hidden ?? [])];
    if (hidden[layer] === undefined) return;
    hidden[layer] = Math.max(1, Math.min(MAX_NEURONS, hidden[layer]! + delta));
    this.actions.setHidden(hidden);
  }

  private changeActivation(layer: number, activation: string): void {
    const activations: string[] = [...(this.settings()?.activations ?? [])];
    activations[layer] = activation;
    this.actions.setActivations(activations);
  }

  private changeDropout(layer: number, rate: number): void {
    const dropout = [...(this.settings()?.dropout ?? [])];
    dropout[layer] = rate;
    this.actions.setDropout(dropout);
  }
}
