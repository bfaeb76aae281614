// The user's own data: a "Draw points" mode (a click on the output plot adds a point of
// the chosen class, to the data or, with "Replace the data", to a set of its own), undo
// and clear of the drawn points, a CSV upload, and the point counts, which show that it
// worked.

import { build, type ClientMessage } from "../../../protocol/client";
import type { Problem } from "../../../shell/settings";
import { button, h, setText, uniqueId } from "../../../shell/views/dom";
import type { PointSets } from "../frame";

export interface DataToolsActions {
  drawMode(on: boolean): void;
  upload(csv: string): void;
  /** Send a drawn point's request to the session (add, undo, clear). */
  send(message: ClientMessage): unknown;
}

/** The labels a drawn point may get, by problem. */
export function pointLabels(problem: Problem, classes: number): { value: number; label: string }[] {
  if (problem === "binary") return [{ value: 1, label: "Blue (+1)" }, { value: -1, label: "Orange (−1)" }];
  if (problem === "multiclass") return Array.from({ length: classes }, (_, c) => ({ value: c, label: `Class ${c}` }));
  return [1, 0.5, 0, -0.5, -1].map((v) => ({ value: v, label: `Value ${v}` }));
}

export class DataTools {
  private readonly draw: HTMLInputElement;
  private readonly replace: HTMLInputElement;
  private readonly labels: HTMLSelectElement;
  private readonly counts = h("p", { class: "point-count", id: "point-count", "aria-live": "polite" });
  private labelsKey = "";

  constructor(
    container: HTMLElement,
    private readonly actions: DataToolsActions,
  ) {
    const drawId = uniqueId("draw");
    const replaceId = uniqueId("replace");
    const labelId = uniqueId("point-class");
    const fileId = uniqueId("csv");
    this.draw = h("input", { type: "checkbox", id: drawId });
    this.replace = h("input", { type: "checkbox", id: replaceId });
    this.labels = h("select", { id: labelId });
    const file = h("input", { type: "file", id: fileId, accept: ".csv,text/csv,text/plain", class: "visually-hidden" });
    this.draw.addEventListener("change", () => actions.drawMode(this.draw.checked));
    file.addEventListener("change", async () => {
      const chosen = file.files?.[0];
      if (chosen !== undefined) actions.upload(await chosen.text());
      file.value = ""; // choosing the same file again must upload again
    });
    container.append(
      h(
        "div",
        { class: "data-tools" },
        h("span", { class: "check" }, this.draw, h("label", { for: drawId }, "Draw points")),
        h("span", { class: "setting-select" }, h("label", { for: labelId }, "Point class"), this.labels),
        h("span", { class: "check", title: "Drawn points start a set of their own instead of adding to the data" }, this.replace, h("label", { for: replaceId }, "Replace the data")),
        button("Undo last point", () => actions.send(build.undoPoint()), { title: "Take back the last drawn point" }),
        button("Clear drawn points", () => actions.send(build.clearPoints()), { title: "Take back every drawn point: the data as they were before drawing" }),
        h("label", { for: fileId, class: "file-button" }, "Upload CSV"),
        file,
      ),
      this.counts,
    );
  }

  /** Draw a point of the chosen class at (x1, x2). */
  add(x1: number, x2: number): void {
    this.actions.send(build.addPoints([[x1, x2, Number(this.labels.value)]], this.replace.checked));
  }

  render(problem: Problem, classes: number, data: PointSets | null): void {
    const key = `${problem}|${classes}`;
    if (key !== this.labelsKey) {
      this.labelsKey = key;
      this.labels.replaceChildren(...pointLabels(problem, classes).map((o) => h("option", { value: o.value }, o.label)));
    }
    const train = data?.train?.labels.length ?? 0;
    const test = data?.test?.labels.length ?? 0;
    // A drawing's first point is both the training and the test set (see the server's split).
    const alone = train === 1 && test === 1 && data?.train?.xy.every((v, i) => v === data.test?.xy[i]) === true;
    setText(this.counts, alone ? "1 point: it trains and tests alone" : `${train + test} points: ${train} training, ${test} test`);
  }
}
