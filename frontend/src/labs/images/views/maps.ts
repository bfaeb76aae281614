// The probe image's feature maps, layer by layer: what each filter responds to, and where.
// A click on a map's cell reports its layer, filter, row and column (from 0, as the map
// shows them: after pooling).

import { h, setText } from "../../../shell/views/dom";
import { offsetOf, type ImagesFrame } from "../frame";
import { diverging, limitOf, paint, pixelCanvas } from "./pixels";

export class FeatureMaps {
  private readonly body = h("div", { class: "map-layers" });
  private key = "";
  private canvases: HTMLCanvasElement[][] = [];

  constructor(
    root: HTMLElement,
    private readonly clicked: (layer: number, filter: number, row: number, column: number) => void = () => undefined,
  ) {
    root.append(this.body);
  }

  render(frame: ImagesFrame): void {
    const { maps } = frame;
    if (maps === null) return;
    const key = maps.shapes.map((s) => s.join("x")).join();
    if (key !== this.key) this.rebuild(maps.shapes, key);
    maps.shapes.forEach(([side = 0, , filters = 0], layer) => {
      const offset = offsetOf(maps, layer);
      const limit = limitOf(maps.values, offset, side * side * filters);
      for (let f = 0; f < filters; f++) {
        paint(this.canvases[layer]![f]!, side, (r, c) => offset + (r * side + c) * filters + f, maps.values, diverging(limit));
      }
    });
  }

  private rebuild(shapes: readonly (readonly number[])[], key: string): void {
    this.key = key;
    this.canvases = shapes.map(([side = 0, , filters = 0], layer) =>
      Array.from({ length: filters }, (_, f) => {
        const canvas = pixelCanvas(side, `Feature map ${f + 1} of layer ${layer + 1}`, "pixels map");
        canvas.addEventListener("click", (event) => {
          const cell = (offset: number, size: number): number => Math.max(0, Math.min(side - 1, Math.floor((offset / (size || 1)) * side)));
          this.clicked(layer, f, cell(event.offsetY, canvas.clientHeight), cell(event.offsetX, canvas.clientWidth));
        });
        return canvas;
      }),
    );
    this.body.replaceChildren(
      ...shapes.map(([side = 0, , filters = 0], layer) => {
        const title = h("h3", { class: "layer-title" });
        setText(title, `Layer ${layer + 1}: ${filters} maps, ${side} x ${side}`);
        return h("section", { class: "map-layer", "data-layer": layer + 1 }, title, h("div", { class: "map-cells" }, ...this.canvases[layer]!));
      }),
    );
  }
}
