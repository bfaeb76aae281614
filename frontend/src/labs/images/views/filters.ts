// Every convolution layer's filters as small images of their weights, each beside its
// gradient (where learning pushes it); filters of later layers, which read many maps, are
// shown summed over the maps they read.

import { h, setText } from "../../../shell/views/dom";
import { offsetOf, type ImagesFrame } from "../frame";
import { diverging, limitOf, paint, pixelCanvas } from "./pixels";

export class FilterGrid {
  private readonly body: HTMLElement;
  private key = "";
  private cells: { weights: HTMLCanvasElement; grads: HTMLCanvasElement }[][] = [];

  constructor(root: HTMLElement) {
    this.body = h("div", { class: "filter-layers" });
    root.append(this.body);
  }

  render(frame: ImagesFrame): void {
    const { kernels, kernelGrads } = frame;
    if (kernels === null || kernelGrads === null) return;
    const key = kernels.shapes.map((s) => s.join("x")).join();
    if (key !== this.key) this.rebuild(kernels.shapes, key);
    kernels.shapes.forEach(([k = 0, , inputs = 0, outputs = 0], layer) => {
      const offset = offsetOf(kernels, layer);
      const summed = (values: Float32Array): Float32Array => {
        const out = new Float32Array(outputs * k * k);
        for (let r = 0; r < k; r++)
          for (let c = 0; c < k; c++)
            for (let i = 0; i < inputs; i++)
              for (let o = 0; o < outputs; o++) out[o * k * k + r * k + c]! += values[offset + ((r * k + c) * inputs + i) * outputs + o]!;
        return out;
      };
      const weights = summed(kernels.values);
      const grads = summed(kernelGrads);
      const [wLimit, gLimit] = [limitOf(weights), limitOf(grads)];
      for (let o = 0; o < outputs; o++) {
        const cell = this.cells[layer]![o]!;
        paint(cell.weights, k, (r, c) => o * k * k + r * k + c, weights, diverging(wLimit));
        paint(cell.grads, k, (r, c) => o * k * k + r * k + c, grads, diverging(gLimit));
      }
    });
  }

  private rebuild(shapes: readonly (readonly number[])[], key: string): void {
    this.key = key;
    this.cells = [];
    this.body.replaceChildren(
      ...shapes.map(([k = 0, , inputs = 0, outputs = 0], layer) => {
        const cells = Array.from({ length: outputs }, (_, o) => ({
          weights: pixelCanvas(k, `Filter ${o + 1} of layer ${layer + 1}: its weights`, "pixels filter"),
          grads: pixelCanvas(k, `Filter ${o + 1} of layer ${layer + 1}: its gradient`, "pixels filter grad"),
        }));
        this.cells.push(cells);
        const title = h("h3", { class: "layer-title" });
        setText(title, `Layer ${layer + 1}: ${outputs} filters, ${k} x ${k}${inputs > 1 ? `, summed over ${inputs} maps` : ""}`);
        return h(
          "section",
          { class: "filter-layer", "data-layer": layer + 1 },
          title,
          h("div", { class: "filter-cells" }, ...cells.map((c) => h("div", { class: "filter-cell" }, c.weights, c.grads))),
        );
      }),
    );
  }
}
