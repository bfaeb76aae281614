// One convolution as numbers: for each input channel, the window the filter reads, the
// kernel and their products as small k x k grids (the zeros "same" padding adds marked),
// with the channel's share of the sum; then the sum + bias → activation, and the pooling.

import { h } from "../../../shell/views/dom";
import { formatValue } from "../../points/stepThrough";
import { arithmetic, poolingNote, type ConvExplanation } from "../convStep";

type GridName = "window" | "kernel" | "products";

function grid(e: ConvExplanation, name: GridName, channel: number): HTMLElement {
  const rows = Array.from({ length: e.kernel }, (_, i) =>
    h("tr", {}, ...Array.from({ length: e.kernel }, (_, j) => h("td", { class: name === "window" && e.padded(i, j) ? "pad" : undefined, title: name === "window" && e.padded(i, j) ? "padding: outside the input" : undefined }, formatValue(e.at(name, i, j, channel))))),
  );
  return h("table", { class: "conv-grid", "data-grid": name, "data-channel": channel + 1, "aria-label": `${name}, channel ${channel + 1}` }, h("tbody", {}, ...rows));
}

/** The 2 x 2 pooled together, the picked position's activation marked. */
function poolGrid(e: ConvExplanation): HTMLElement {
  const at = (e.row % 2) * 2 + (e.column % 2);
  const rows = [0, 1].map((i) => h("tr", {}, ...[0, 1].map((j) => h("td", { class: i * 2 + j === at ? "picked" : undefined }, formatValue(e.poolWindow[i * 2 + j]!)))));
  return h("table", { class: "conv-grid", "data-grid": "pool", "aria-label": "the 2 x 2 activations pooled" }, h("tbody", {}, ...rows));
}

export function convGrids(e: ConvExplanation): HTMLElement[] {
  const op = (text: string): HTMLElement => h("span", { class: "conv-op" }, text);
  const channels = Array.from({ length: e.channels }, (_, c) =>
    h(
      "div",
      { class: "conv-channel", "data-channel": c + 1 },
      h("span", { class: "conv-channel-name" }, e.channels > 1 ? `channel ${c + 1}` : "input"),
      grid(e, "window", c),
      op("×"),
      grid(e, "kernel", c),
      op("="),
      grid(e, "products", c),
      h("span", { class: "conv-share" }, `Σ ${formatValue(e.channelSum(c))}`),
    ),
  );
  const note = poolingNote(e);
  return [
    h("p", { class: "conv-legend" }, "window (the layer's input under the filter; grey: zero padding) × kernel (the filter's weights) = products"),
    h("div", { class: "conv-channels", id: "conv-channels" }, ...channels),
    h("div", { class: "step-equations", id: "conv-arithmetic" }, ...arithmetic(e).map((line) => h("p", { class: "step-row", "data-equation": line.name }, line.text))),
    ...(e.poolWindow.length === 4 ? [poolGrid(e)] : []),
    ...(note === null ? [] : [h("p", { class: "step-hint", id: "conv-pool-note" }, note)]),
  ];
}
