// One step of one cell, as numbers: the layer's input x, then a row per unit with its
// previous state, each part's weighted sum → its activation and the new state, and below
// it the picked unit's equations with the engine's numbers put in, so a learner can check
// the arithmetic by hand. A unit's button picks it (and the weight into it).

import { button, h } from "../../../shell/views/dom";
import { formatValue } from "../../points/stepThrough";
import { equations, symbol, type StepExplanation } from "../stepThrough";

/** x as a learner reads it: a one-hot input by the index it marks, else its values. */
export function describeInput(x: Float32Array): string {
  const ones = x.reduce((n, v) => n + (v === 1 ? 1 : 0), 0);
  const zeros = x.reduce((n, v) => n + (v === 0 ? 1 : 0), 0);
  if (x.length > 1 && ones === 1 && zeros === x.length - 1) return `one-hot: input ${x.indexOf(1) + 1} of ${x.length} is 1, the others 0`;
  return `[${Array.from(x, formatValue).join(", ")}]`;
}

export function stepTable(e: StepExplanation, picked: number, pick: (unit: number) => void): HTMLElement[] {
  const lstm = e.cell === "lstm";
  const num = (v: number): HTMLElement => h("span", { class: "num" }, formatValue(v));
  const head = h(
    "tr",
    {},
    h("th", { scope: "col" }, "unit"),
    h("th", { scope: "col" }, "h₋"),
    ...(lstm ? [h("th", { scope: "col" }, "c₋")] : []),
    ...e.parts.map((part) => h("th", { scope: "col", title: part }, `${symbol(e.cell, part)}: sum → ${part === "candidate" ? "tanh" : "σ"}`)),
    ...(lstm ? [h("th", { scope: "col" }, "c")] : []),
    h("th", { scope: "col" }, "h"),
  );
  const rows = Array.from({ length: e.units }, (_, j) =>
    h(
      "tr",
      { class: j === picked ? "picked" : undefined, "data-unit": j + 1 },
      h("th", { scope: "row" }, button(String(j + 1), () => pick(j), { "aria-label": `Unit ${j + 1}`, "aria-pressed": String(j === picked) })),
      h("td", {}, formatValue(e.previousHidden[j]!)),
      ...(lstm ? [h("td", {}, formatValue(e.previousCell[j]!))] : []),
      ...e.parts.map((_, p) => h("td", {}, h("span", { class: "sum" }, formatValue(e.sum(p, j))), " → ", num(e.value(p, j)))),
      ...(lstm ? [h("td", {}, num(e.newCell[j]!))] : []),
      h("td", {}, num(e.newHidden[j]!)),
    ),
  );
  const unit = Math.min(picked, e.units - 1);
  return [
    h("p", { class: "step-row", id: "step-input" }, `x (the layer's input) = ${describeInput(e.input)}`),
    h("div", { class: "step-table-box" }, h("table", { class: "step-table", id: "step-table" }, h("thead", {}, head), h("tbody", {}, ...rows))),
    h("h4", { class: "map-title" }, `Unit ${unit + 1}, written out`),
    h("div", { class: "step-equations", id: "step-equations" }, ...equations(e, unit).map((eq) => h("p", { class: "step-row", "data-equation": eq.name }, eq.text))),
  ];
}
