// The dataset picker: a radio group of thumbnails, each a sketch of the set's points,
// drawn once. Picking one sends `set {dataset}`; the user's own points ("custom")
// appear as a last entry while they are in use.

import { DATASETS, samplePoints, type DatasetInfo } from "../datasets";
import { cssColor } from "./colormap";
import { h } from "./dom";
import { labelColor, toCanvas } from "./outputPlot";

const THUMB = 64; // canvas pixels; CSS scales it

function thumbnail(info: DatasetInfo): HTMLCanvasElement {
  const canvas = h("canvas", { width: THUMB, height: THUMB, "aria-hidden": "true" });
  const ctx = canvas.getContext("2d");
  if (ctx === null) return canvas;
  ctx.fillStyle = "#f7f7f7";
  ctx.fillRect(0, 0, THUMB, THUMB);
  for (const [x1, x2, label] of samplePoints(info)) {
    const [x, y] = toCanvas(x1, x2, THUMB, THUMB);
    ctx.fillStyle = cssColor(labelColor(info.problem, label));
    ctx.beginPath();
    ctx.arc(x, y, 1.8, 0, 2 * Math.PI);
    ctx.fill();
  }
  return canvas;
}

export class DatasetPicker {
  private readonly buttons = new Map<string, HTMLButtonElement>();

  constructor(container: HTMLElement, pick: (name: string) => void) {
    const group = h("div", { class: "datasets", role: "radiogroup", "aria-label": "Dataset" });
    for (const info of DATASETS) {
      const item = h("button", { type: "button", role: "radio", class: "dataset", "aria-checked": "false", "aria-label": info.label, title: `${info.label} (${info.problem})` }, thumbnail(info), h("span", {}, info.label));
      item.addEventListener("click", () => pick(info.name));
      this.buttons.set(info.name, item);
      group.append(item);
    }
    const custom = h("button", { type: "button", role: "radio", class: "dataset custom", "aria-checked": "false", "aria-label": "Your points", hidden: true }, h("span", { class: "custom-mark" }, "✎"), h("span", {}, "Your points"));
    this.buttons.set("custom", custom);
    group.append(custom);
    container.append(group);
  }

  render(dataset: string): void {
    for (const [name, item] of this.buttons) {
      const checked = String(name === dataset);
      if (item.getAttribute("aria-checked") !== checked) item.setAttribute("aria-checked", checked);
    }
    this.buttons.get("custom")!.hidden = dataset !== "custom";
  }
}
