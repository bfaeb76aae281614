// The choice of data set: the digits, Fashion-MNIST where the server has it installed
// (disabled otherwise, with the line that says how to get it), and the sets the user
// uploaded on this page (or the one the session uses).

import { h, setText } from "../../../shell/views/dom";
import type { DatasetName, Datasets, Upload } from "../datasets";

export class DatasetChoice {
  private readonly select = h("select", { id: "images-dataset" });
  private readonly fashion = h("option", { value: "fashion", disabled: true }, "Fashion-MNIST");
  private readonly note = h("p", { class: "dataset-note", id: "fashion-note" });

  constructor(root: HTMLElement, choose: (dataset: DatasetName) => void) {
    this.select.append(h("option", { value: "digits" }, "Digits"), this.fashion);
    this.select.addEventListener("change", () => choose(this.select.value));
    root.append(h("div", { class: "setting setting-select", "data-setting": "dataset" }, h("label", { for: "images-dataset" }, "Data set"), this.select), this.note);
  }

  /** What the server has, the sets uploaded, and the data set the session uses. */
  render(datasets: Datasets, dataset: DatasetName, uploads: ReadonlyMap<string, Upload>): void {
    this.fashion.disabled = !datasets.fashion;
    this.note.hidden = datasets.fashion;
    setText(this.note, datasets.fashion ? "" : datasets.fashionHow);
    for (const name of new Set([...uploads.keys(), dataset])) {
      if (name === "digits" || name === "fashion") continue;
      let option = [...this.select.options].find((o) => o.value === name);
      if (option === undefined) this.select.append((option = h("option", { value: name })));
      const classes = uploads.get(name)?.classes;
      setText(option, classes === undefined ? "Your images" : `Your images: ${classes.join(", ")}`);
    }
    if (document.activeElement !== this.select && this.select.value !== dataset) this.select.value = dataset;
  }
}
