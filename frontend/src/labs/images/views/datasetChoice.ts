// The choice of data set: the digits, or Fashion-MNIST where the server has it installed
// (disabled otherwise, with the line that says how to get it).

import { h, setText } from "../../../shell/views/dom";
import type { DatasetName, Datasets } from "../datasets";

export class DatasetChoice {
  private readonly select = h("select", { id: "images-dataset" });
  private readonly fashion = h("option", { value: "fashion", disabled: true }, "Fashion-MNIST");
  private readonly note = h("p", { class: "dataset-note", id: "fashion-note" });

  constructor(root: HTMLElement, choose: (dataset: DatasetName) => void) {
    this.select.append(h("option", { value: "digits" }, "Digits"), this.fashion);
    this.select.addEventListener("change", () => choose(this.select.value as DatasetName));
    root.append(h("div", { class: "setting setting-select", "data-setting": "dataset" }, h("label", { for: "images-dataset" }, "Data set"), this.select), this.note);
  }

  /** What the server has, and the data set the session uses. */
  render(datasets: Datasets, dataset: DatasetName): void {
    this.fashion.disabled = !datasets.fashion;
    this.note.hidden = datasets.fashion;
    setText(this.note, datasets.fashion ? "" : datasets.fashionHow);
    if (document.activeElement !== this.select && this.select.value !== dataset) this.select.value = dataset;
  }
}
