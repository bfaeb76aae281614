// A list of layer widths edited in place (filters per convolution, neurons per dense
// layer): a number per layer, a button to add a layer and one to remove the last.

import { button, h } from "../../../shell/views/dom";

export class LayerList {
  private readonly inputs = h("span", { class: "layer-inputs" });
  private readonly add: HTMLButtonElement;
  private readonly remove: HTMLButtonElement;
  private shown = "";
  private values: number[] = [];

  constructor(
    root: HTMLElement,
    private readonly label: string,
    private readonly bounds: { min: number; max: number; minItems: number; maxItems: number },
    private readonly change: (widths: number[]) => void,
  ) {
    this.add = button("+", () => this.change([...this.values, this.values.at(-1) ?? 8]), { "aria-label": `Add a layer (${label})` });
    this.remove = button("−", () => this.change(this.values.slice(0, -1)), { "aria-label": `Remove the last layer (${label})` });
    root.append(h("div", { class: "layer-list", "data-setting": label }, h("span", { class: "layer-list-label" }, label), this.inputs, this.remove, this.add));
  }

  render(widths: readonly number[]): void {
    const key = widths.join();
    if (key === this.shown || this.inputs.contains(document.activeElement)) return;
    this.shown = key;
    this.values = [...widths];
    this.inputs.replaceChildren(
      ...widths.map((width, layer) => {
        const input = h("input", { type: "number", min: this.bounds.min, max: this.bounds.max, step: 1, value: width, "aria-label": `${this.label}, layer ${layer + 1}` });
        input.addEventListener("change", () => {
          const n = Math.round(Number(input.value));
          if (!Number.isFinite(n)) return;
          const next = [...this.values];
          next[layer] = Math.max(this.bounds.min, Math.min(this.bounds.max, n));
          this.change(next);
        });
        return input;
      }),
    );
    this.add.disabled = widths.length >= this.bounds.maxItems;
    this.remove.disabled = widths.length <= this.bounds.minItems;
  }
}
