// The dataset picker: a radio group with one entry per dataset. It starts with the names
// alone (blank thumbnails keep the layout still); once the server's previews arrive each
// entry gets its label and a thumbnail of its points. Picking one sends `set {dataset}`;
// the user's own points ("custom") appear as a last entry while they are in use.

import { DATASET_NAMES } from "../../../protocol/constants";
import { cssColor } from "../../../shell/views/colormap";
import { h, setText } from "../../../shell/views/dom";
import type { DatasetPreview } from "../datasets";
import { labelColor, labelMarker, traceMarker } from "./markers";
import { toCanvas } from "./plane";

const THUMB = 64; // canvas pixels; CSS scales it
const BACKGROUND = "#f7f7f7";

interface Entry {
  button: HTMLButtonElement;
  canvas: HTMLCanvasElement;
  caption: HTMLSpanElement;
}

function drawThumbnail(canvas: HTMLCanvasElement, preview: DatasetPreview | null): void {
  const ctx = canvas.getContext("2d");
  if (ctx === null) return;
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, THUMB, THUMB);
  if (preview === null) return;
  for (const [x1, x2, label] of preview.points) {
    const [x, y] = toCanvas(x1, x2, THUMB, THUMB);
    ctx.fillStyle = cssColor(labelColor(preview.problem, label));
    traceMarker(ctx, labelMarker(preview.problem, label), x, y, 1.8);
    ctx.fill();
  }
}

function check(button: HTMLButtonElement, on: boolean): void {
  if (button.getAttribute("aria-checked") !== String(on)) button.setAttribute("aria-checked", String(on));
}

export class DatasetPicker {
  private readonly entries = new Map<string, Entry>();
  private readonly custom: HTMLButtonElement;

  constructor(container: HTMLElement, pick: (name: string) => void) {
    const group = h("div", { class: "datasets", role: "radiogroup", "aria-label": "Dataset" });
    for (const name of DATASET_NAMES) {
      const canvas = h("canvas", { width: THUMB, height: THUMB, "aria-hidden": "true" });
      drawThumbnail(canvas, null);
      const caption = h("span", {}, name);
      const button = h("button", { type: "button", role: "radio", class: "dataset", "aria-checked": "false", "aria-label": name }, canvas, caption);
      button.addEventListener("click", () => pick(name));
      this.entries.set(name, { button, canvas, caption });
      group.append(button);
    }
    this.custom = h("button", { type: "button", role: "radio", class: "dataset custom", "aria-checked": "false", "aria-label": "Your points", hidden: true }, h("span", { class: "custom-mark" }, "✎"), h("span", {}, "Your points"));
    group.append(this.custom);
    container.append(group);
  }

  /** Label and draw each dataset the server describes. */
  showPreviews(previews: readonly DatasetPreview[]): void {
    for (const preview of previews) {
      const entry = this.entries.get(preview.name);
      if (entry === undefined) continue; // not one this page can pick
      setText(entry.caption, preview.label);
      entry.button.setAttribute("aria-label", preview.label);
      entry.button.title = `${preview.label} (${preview.problem})`;
      drawThumbnail(entry.canvas, preview);
    }
  }

  render(dataset: string): void {
    for (const [name, { button }] of this.entries) check(button, name === dataset);
    check(this.custom, dataset === "custom");
    this.custom.hidden = dataset !== "custom";
  }
}
