// A colour bar with values: the legend of a map's colours (the scales of colormap.ts), a
// ramp with its values at both ends and in the middle, or one swatch per class. It redraws
// only when what it shows changed, so a view can hand it the scale every frame.

import "./colorBar.css";
import { cssColor, type RGB } from "./colormap";
import { formatNumber } from "../settings";
import { h, setText } from "./dom";

/** A ramp: the colour at each position t in [0, 1] and the values at 0, 0.5 and 1. */
export interface Ramp {
  label: string;
  color(t: number): RGB;
  ticks: readonly [string, string, string];
}

const STOPS = 16; // a gradient of this many stops is smooth at the bar's size

/** A value for a tick: short, whatever its size, with a true minus sign. */
export function formatTick(v: number): string {
  const text = v === 0 || (Math.abs(v) >= 0.01 && Math.abs(v) < 1e4) ? formatNumber(Number(v.toPrecision(3))) : v.toExponential(1);
  return text.replace(/^-/, "\u2212");
}

/** The ramp of a linear scale over [low, high], each value coloured by `color`. */
export function linearRamp(label: string, low: number, high: number, color: (value: number) => RGB): Ramp {
  return { label, color: (t) => color(low + t * (high - low)), ticks: [formatTick(low), formatTick((low + high) / 2), formatTick(high)] };
}

export class ColorBar {
  readonly element: HTMLElement;
  private readonly caption = h("span", { class: "color-bar-label" });
  private readonly ramp = h("div", { class: "color-bar-ramp", "aria-hidden": "true" });
  private readonly ticks = [h("span", {}), h("span", {}), h("span", {})] as const;
  private readonly swatches = h("ul", { class: "color-bar-classes" });
  private shown = "";

  /** `name` tells the bars of a page apart (data-legend), for tests and styles. */
  constructor(name: string) {
    // Hidden until it has something to show.
    this.element = h("figure", { class: "color-bar", "data-legend": name, hidden: true }, h("figcaption", {}, this.caption), this.ramp, h("div", { class: "color-bar-ticks" }, ...this.ticks), this.swatches);
  }

  /** Show `ramp`: its gradient, its label and its three values. */
  show(ramp: Ramp): void {
    const stops = Array.from({ length: STOPS }, (_, i) => cssColor(ramp.color(i / (STOPS - 1))));
    const key = `ramp|${ramp.label}|${ramp.ticks.join()}|${stops.join()}`;
    if (key === this.shown) return;
    this.shown = key;
    setText(this.caption, ramp.label);
    this.ramp.style.background = `linear-gradient(to right, ${stops.join(", ")})`;
    this.ticks.forEach((tick, i) => setText(tick, ramp.ticks[i]!));
    this.element.classList.remove("classes");
    this.element.hidden = false;
  }

  /** Show one swatch per class, named by its number. */
  showClasses(label: string, colors: readonly RGB[]): void {
    const key = `classes|${label}|${colors.map(cssColor).join()}`;
    if (key === this.shown) return;
    this.shown = key;
    setText(this.caption, label);
    this.swatches.replaceChildren(...colors.map((c, i) => h("li", {}, h("span", { class: "color-bar-swatch", style: `background:${cssColor(c)}`, "aria-hidden": "true" }), String(i))));
    this.element.classList.add("classes");
    this.element.hidden = false;
  }
}
