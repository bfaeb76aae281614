// The user's own data: a "Draw points" mode (a click on the output plot adds a point of
// the chosen class), a CSV upload, and the point counts, which show that it worked.

import type { Problem } from "../../../shell/settings";
import { h, setText, uniqueId } from "../../../shell/views/dom";
import type { PointSets } from "../frame";

export interface DataToolsActions {
  drawMode(on: boolean): void;
  upload(csv: string): void;
}

/** The labels a drawn point may get, by problem. */
export function pointLabels(problem: Problem, classes: number): { value: number; label: string }[] {
  if (problem === "binary") return [{ value: 1, label: "Blue (+1)" }, { value: -1, label: "Orange (−1)" }];
  if (problem === "multiclass") return Array.from({ length: classes }, (_, c) => ({ value: c, label: `Class ${c}` }));
  return [1, 0.5, 0, -0.5, -1].map((v) => ({ value: v, label: `Value ${v}` }));
}

export class DataTools {
  private readonly draw: HTMLInputElement;
  private readonly labels: HTMLSelectElement;
  private readonly counts = h("p", { class: "point-count", id: "point-count", "aria-live": "polite" });
  private labelsKey = "";

  constructor(container: HTMLElement, actions: DataToolsActions) {
    const drawId = uniqueId("draw");
    const labelId = uniqueId("point-class");
    const fileId = uniqueId("csv");
    this.draw = h("input", { type: "checkbox", id: drawId });
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
        h("label", { for: fileId, class: "file-button" }, "Upload CSV"),
        file,
      ),
      this.counts,
    );
  }

  /** The label of the next drawn point. */
  get label(): number {
    return Number(this.labels.value);
  }

  render(problem: Problem, classes: number, data: PointSets | null): void {
    const key = `${problem}|${classes}`;
    if (key !== this.labelsKey) {
      this.labelsKey = key;
      this.labels.replaceChildren(...pointLabels(problem, classes).map((o) => h("option", { value: o.value }, o.label)));
    }
    const train = data?.train?.labels.length ?? 0;
    const test = data?.test?.labels.length ?? 0;
    setText(this.counts, `${train + test} points: ${train} training, ${test} test`);
  }
}
