// Inside the recurrent layers, for the probe sequence: each layer's hidden state h, and
// for an LSTM its cell state c, and each gate's value, as time x units heatmaps. The
// heatmaps are rebuilt only when the network's shape changes; a frame repaints them.

import { divergingColor } from "../../../shell/views/colormap";
import { h, setText } from "../../../shell/views/dom";
import type { Grid } from "../../../shell/labData";
import { block } from "../frame";
import { Heatmap } from "../../../shell/views/heatmap";

// One colour scale for all: states in [-1, 1] run orange (negative) to blue (positive),
// so gates in [0, 1] run pale (shut) to blue (open).

interface LayerMaps {
  hidden: Heatmap;
  cell: Heatmap | null;
  cellTitle: HTMLElement | null;
  gates: Heatmap[];
}

/** The largest magnitude, so the cell state (unbounded) fills its colours. */
function limit(values: Float32Array): number {
  let most = 0;
  for (const v of values) if (Number.isFinite(v)) most = Math.max(most, Math.abs(v));
  return most || 1;
}

export class StateMaps {
  private key = "";
  private layers: LayerMaps[] = [];

  constructor(
    private readonly root: HTMLElement,
    private readonly showGates: boolean,
    /** A click on a map's cell: that layer, step and unit (from 0). */
    private readonly pick: ((layer: number, time: number, unit: number) => void) | null = null,
  ) {}

  /** `gates`: the names of the cell's gates, in the frames' order. */
  render(hidden: Grid, cells: Grid | null, gates: Grid | null, gateNames: readonly string[]): void {
    const [layers = 0, steps = 0, units = 0] = hidden.shape;
    const gateCount = gates?.shape[1] ?? 0;
    const named = gateNames.length === gateCount ? gateNames : Array.from({ length: gateCount }, (_, g) => `gate ${g + 1}`);
    const key = `${layers}:${units}:${cells !== null}:${this.showGates ? named.join() : ""}`;
    if (key !== this.key) this.rebuild(key, layers, cells !== null, this.showGates ? named : []);
    this.layers.forEach((maps, l) => {
      maps.hidden.paint(block(hidden, l), steps, units);
      if (cells !== null && maps.cell !== null) {
        const values = block(cells, l);
        const most = limit(values);
        maps.cell.paint(values, steps, units, -most, most);
        setText(maps.cellTitle!, `Cell state c (±${most.toPrecision(2)})`);
      }
      if (gates !== null) maps.gates.forEach((map, g) => map.paint(block(gates, l, g), steps, units));
    });
  }

  /** Clicks on the map pick its cell for the step-through. */
  private pickable(canvas: HTMLCanvasElement, layer: number): void {
    const pick = this.pick;
    if (pick === null) return;
    canvas.classList.add("pickable");
    canvas.title = "Click a step and unit to step through it";
    canvas.addEventListener("click", (event) => {
      // offsetX/Y and clientWidth/Height leave out the canvas's border.
      const [time, unit] = cellAt(event.offsetX, event.offsetY, canvas.clientWidth, canvas.clientHeight, canvas.width, canvas.height);
      pick(layer, time, unit);
    });
  }

  private rebuild(key: string, layers: number, withCells: boolean, gateNames: readonly string[]): void {
    this.key = key;
    this.layers = [];
    const sections = Array.from({ length: layers }, (_, l) => {
      const name = `layer ${l + 1}`;
      const maps: LayerMaps = {
        hidden: new Heatmap(`Hidden state of ${name}: time across, units down`, -1, 1, divergingColor),
        cell: withCells ? new Heatmap(`Cell state of ${name}: time across, units down`, -1, 1, divergingColor) : null,
        cellTitle: withCells ? h("h4", { class: "map-title" }, "Cell state c") : null,
        gates: gateNames.map((gate) => new Heatmap(`${gate} gate of ${name}: time across, units down`, 0, 1, divergingColor)),
      };
      this.layers.push(maps);
      const figure = (title: HTMLElement, map: Heatmap, kind: string): HTMLElement => {
        this.pickable(map.canvas, l);
        return h("figure", { class: "state-map", "data-map": kind }, title, map.canvas);
      };
      return h(
        "section",
        { class: "state-layer", "data-layer": l + 1 },
        h("h3", { class: "layer-title" }, `Layer ${l + 1}`),
        figure(h("h4", { class: "map-title" }, "Hidden state h"), maps.hidden, "hidden"),
        ...(maps.cell === null ? [] : [figure(maps.cellTitle!, maps.cell, "cell")]),
        ...(maps.gates.length === 0 ? [] : [h("div", { class: "gate-maps" }, ...maps.gates.map((map, g) => figure(h("h4", { class: "map-title" }, `${capitalised(gateNames[g]!)} gate`), map, `gate-${gateNames[g]}`)))]),
      );
    });
    this.root.replaceChildren(...sections);
  }
}

/** The step and unit under a click on a (steps x units) map, which CSS stretches. */
export function cellAt(x: number, y: number, width: number, height: number, steps: number, units: number): [time: number, unit: number] {
  const at = (v: number, size: number, n: number): number => Math.max(0, Math.min(n - 1, Math.floor((v / Math.max(1, size)) * n)));
  return [at(x, width, steps), at(y, height, units)];
}

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
