// The test set's confusion matrix (true class by row, the network's answer by column) and
// a gallery of the test images it gets wrong now, each with what it says.

import { h, setText } from "../../../shell/views/dom";
import { type ImageSets, type ImagesFrame } from "../frame";
import { grey, paint, pixelCanvas } from "./pixels";

const GALLERY = 24; // mistakes shown at most

export class ConfusionView {
  private readonly cells: HTMLElement[] = [];
  private readonly gallery = h("div", { class: "mistakes" });
  private readonly count = h("p", { class: "mistake-count", "aria-live": "polite" });
  private readonly thumbs = Array.from({ length: GALLERY }, () => ({ canvas: pixelCanvas(8, "", "pixels thumb"), label: h("span") }));

  constructor(root: HTMLElement) {
    const head = h("tr", {}, h("th", { scope: "col" }, "true \\ said"), ...Array.from({ length: 10 }, (_, c) => h("th", { scope: "col" }, String(c))));
    const rows = Array.from({ length: 10 }, (_, r) =>
      h(
        "tr",
        {},
        h("th", { scope: "row" }, String(r)),
        ...Array.from({ length: 10 }, () => {
          const cell = h("td");
          this.cells.push(cell);
          return cell;
        }),
      ),
    );
    root.append(
      h("table", { class: "confusion", id: "confusion" }, h("thead", {}, head), h("tbody", {}, ...rows)),
      this.count,
      this.gallery,
    );
    this.gallery.append(...this.thumbs.map((t) => h("figure", { class: "mistake", hidden: true }, t.canvas, t.label)));
  }

  /** `names`: each class's name (its digit, or the garment), for the mistakes. */
  render(frame: ImagesFrame, data: ImageSets | null, names: readonly string[] = []): void {
    const { confusion, predictions } = frame;
    if (confusion !== null) {
      const most = Math.max(1, ...confusion);
      confusion.forEach((n, i) => {
        const cell = this.cells[i]!;
        setText(cell, n === 0 ? "" : String(n));
        const right = Math.floor(i / 10) === i % 10;
        cell.className = right ? "right" : n > 0 ? "wrong" : "";
        cell.style.setProperty("--share", (n / most).toFixed(3));
      });
    }
    const test = data?.test ?? null;
    if (predictions === null || test === null) return;
    const side = data!.side;
    const wrong: number[] = [];
    for (let i = 0; i < Math.min(test.count, predictions.length); i++) if (predictions[i] !== test.labels[i]) wrong.push(i);
    setText(this.count, `${wrong.length} of ${test.count} test images misclassified${wrong.length > GALLERY ? ` (the first ${GALLERY} shown)` : ""}`);
    this.thumbs.forEach((thumb, slot) => {
      const index = wrong[slot];
      const figure = thumb.canvas.parentElement!;
      figure.hidden = index === undefined;
      if (index === undefined) return;
      paint(thumb.canvas, side, (r, c) => index * side * side + r * side + c, test.pixels, grey);
      const [truth, said] = [test.labels[index]!, predictions[index]!].map((c) => names[c] ?? String(c));
      setText(thumb.label, `${truth} → ${said}`);
      thumb.canvas.setAttribute("aria-label", `A ${truth} the network reads as a ${said}`);
    });
  }
}
