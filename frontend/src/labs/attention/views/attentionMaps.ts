// Every head's attention on the probe, a map per head and block: queries down, keys
// across, the darker the more the query reads the key. The maps are the shell's heatmaps
// (one pixel per cell, stretched square); a click on a row opens the step-through on that
// query of that head.

import type { RGB } from "../../../shell/views/colormap";
import { Heatmap } from "../../../shell/views/heatmap";
import { h, setText } from "../../../shell/views/dom";
import type { Grid } from "../../../shell/labData";
import { headMap } from "../frame";

const WHITE: RGB = [255, 255, 255];
const INK: RGB = [0x08, 0x3d, 0x77];
/** 0 white, 1 dark blue: a weight's share of its row. */
export const weightColor = (value: number): RGB => {
  const t = Math.max(0, Math.min(1, value));
  return [0, 1, 2].map((i) => Math.round(WHITE[i]! + (INK[i]! - WHITE[i]!) * t)) as unknown as RGB;
};

export class AttentionMaps {
  private maps: Heatmap[][] = [];
  private shape = "";
  /** (S, S) transposed for the heatmap, which paints its first index across. */
  private scratch = new Float32Array(0);

  constructor(
    private readonly root: HTMLElement,
    private readonly pick: (layer: number, head: number, query: number) => void,
  ) {}

  render(maps: Grid, tokens: ArrayLike<number>, separator: number): void {
    const [layers = 0, heads = 0, size = 0] = maps.shape;
    const shape = maps.shape.join("x");
    if (shape !== this.shape) this.build(layers, heads, size, shape);
    if (this.scratch.length !== size * size) this.scratch = new Float32Array(size * size);
    for (let l = 0; l < layers; l++) {
      for (let a = 0; a < heads; a++) {
        const map = headMap(maps, l, a);
        for (let q = 0; q < size; q++) for (let k = 0; k < size; k++) this.scratch[k * size + q] = map[q * size + k]!;
        this.maps[l]![a]!.paint(this.scratch, size, size);
      }
    }
    const caption = this.root.querySelector(".maps-tokens");
    if (caption !== null) setText(caption as HTMLElement, `Probe: ${Array.from(tokens, (t) => (t === separator ? "|" : String(t))).join(" ")}`);
  }

  private build(layers: number, heads: number, size: number, shape: string): void {
    this.shape = shape;
    this.maps = [];
    const blocks = [];
    for (let l = 0; l < layers; l++) {
      const row: Heatmap[] = [];
      const cells = [];
      for (let a = 0; a < heads; a++) {
        const map = new Heatmap(`Block ${l + 1}, head ${a + 1}: attention of each query (rows) to each key (columns)`, 0, 1, weightColor);
        map.canvas.classList.add("pickable", "attention-map");
        map.canvas.dataset["layer"] = String(l);
        map.canvas.dataset["head"] = String(a);
        map.canvas.addEventListener("click", (event) => {
          const box = map.canvas.getBoundingClientRect();
          const query = Math.min(size - 1, Math.max(0, Math.floor(((event.clientY - box.top) / Math.max(1, box.height)) * size)));
          this.pick(l, a, query);
        });
        row.push(map);
        cells.push(h("figure", { class: "head-map" }, map.canvas, h("figcaption", {}, `Head ${a + 1}`)));
      }
      this.maps.push(row);
      blocks.push(h("div", { class: "block-maps" }, h("h3", { class: "layer-title" }, `Block ${l + 1}`), h("div", { class: "head-maps" }, ...cells)));
    }
    this.root.replaceChildren(h("p", { class: "maps-tokens" }), ...blocks);
  }
}
