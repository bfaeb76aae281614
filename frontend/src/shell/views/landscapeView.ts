// The loss-landscape panel: the training loss on a plane through the current weights,
// shaded (dark = low) with contour lines, and the optimizer's path projected onto it.
// While the panel is open it asks the server for a fresh slice about once a second,
// one request at a time, so the path grows as the network trains; not while the tab is
// hidden, nor when training has not moved since the slice on show.

import { readArray, type DecodedLandscape } from "../../protocol/codec";
import { LANDSCAPE, LANDSCAPE_DIRECTIONS } from "../../protocol/constants";
import { contourLevels, contourSegments, planeToCanvas, shade, unshade, type LossGrid } from "../landscape";
import { labelled } from "../settings";
import { ColorBar, formatTick } from "./colorBar";
import { depthColor, type RGB } from "./colormap";
import { h, labelFor, select, setText } from "./dom";
import "./landscape.css";

export type Directions = (typeof LANDSCAPE_DIRECTIONS)[number];

export interface LandscapeOptions {
  directions: Directions;
  resolution: number;
  span: number;
}

/** Sends a landscape request; returns its id, or null when not connected. */
export type RequestLandscape = (options: LandscapeOptions) => number | null;

/** What a slice depends on besides the options: the newest frame's step and the session's
 *  settings revision. A slice is asked for again only when one of them moved. */
export type LandscapeSource = () => { step: number | null; revision: number };

const REFRESH_MS = 1000;
const GIVE_UP_MS = 10_000; // a request lost to a reconnect must not stop the refresh
const CONTOURS = 12;
/** A shade's colour (viridis): dark purple for the lowest loss, light for the highest. */
const shadeColor = (t: number): RGB => depthColor(1 - t);

const DIRECTIONS = labelled(LANDSCAPE_DIRECTIONS, { random: "Random (filter-normalised)", pca: "Principal directions of the path" });
const SPANS = ["0.25", "0.5", "1", "2", "5"].map((v) => ({ value: v, label: `±${v}` }));
const RESOLUTIONS = ["15", "25", "41"].map((v) => ({ value: v, label: `${v} × ${v}` }));

export class LandscapeView {
  private options: LandscapeOptions = { directions: LANDSCAPE.directions.default, resolution: LANDSCAPE.resolution.default, span: LANDSCAPE.span.default };
  private pending: { id: number; since: number; key: string } | null = null;
  /** The source (step, revision) of the slice on show, or null when none answers the options. */
  private shownKey: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly canvas: HTMLCanvasElement;
  private readonly caption: HTMLElement;
  private readonly grid = document.createElement("canvas");
  private readonly legend = new ColorBar("landscape");

  constructor(
    private readonly panel: HTMLDetailsElement,
    private readonly request: RequestLandscape,
    private readonly source: LandscapeSource = () => ({ step: null, revision: 0 }),
  ) {
    this.canvas = h("canvas", { class: "landscape-canvas", role: "img", "aria-label": "Loss landscape around the current weights, with the path of training" });
    this.caption = h("p", { class: "landscape-caption", role: "status" }, "Open to compute the landscape.");
    const spanSelect = select("Span", SPANS, (v) => this.change({ span: Number(v) }), { "data-control": "landscape-span" });
    spanSelect.value = String(this.options.span);
    const resolutionSelect = select("Resolution", RESOLUTIONS, (v) => this.change({ resolution: Number(v) }), { "data-control": "landscape-resolution" });
    resolutionSelect.value = String(this.options.resolution);
    const directionsSelect = select("Directions", DIRECTIONS, (v) => this.change({ directions: v as Directions }), { "data-control": "landscape-directions" });
    const field = (text: string, control: HTMLSelectElement): HTMLElement => h("div", { class: "landscape-field" }, labelFor(text, control), control);
    const body = h(
      "div",
      { class: "landscape-body" },
      h("div", { class: "landscape-controls" }, field("Directions", directionsSelect), field("Span", spanSelect), field("Resolution", resolutionSelect)),
      h("div", { class: "landscape-frame" }, this.canvas, this.legend.element),
      this.caption,
    );
    panel.append(body);
    // The refresh runs only while the panel is open.
    panel.addEventListener("toggle", () => {
      if (panel.open) this.timer ??= setInterval(() => this.refresh(), REFRESH_MS);
      else if (this.timer !== null) {
        clearInterval(this.timer);
        this.timer = null;
      }
      this.refresh();
    });
  }

  /** Ask for a new slice if the panel is open and shown, none is on its way, and training
   *  moved (or the settings changed) since the slice on show. */
  refresh(): void {
    if (!this.panel.open || document.hidden) return;
    const now = performance.now();
    if (this.pending !== null && now - this.pending.since < GIVE_UP_MS) return;
    const { step, revision } = this.source();
    const key = `${step}|${revision}`;
    if (key === this.shownKey) return;
    const id = this.request(this.options);
    this.pending = id === null ? null : { id, since: now, key };
  }

  /** A slice arrived; true if it answers this view's request. */
  receive(message: DecodedLandscape): boolean {
    if (this.pending === null || message.header.reply_to !== this.pending.id) return false;
    this.shownKey = this.pending.key;
    this.pending = null;
    this.draw(message);
    return true;
  }

  /** An error arrived; true (and shown here) if it answers this view's request. */
  fail(replyTo: number | null | undefined, text: string): boolean {
    if (this.pending === null || replyTo !== this.pending.id) return false;
    this.pending = null;
    setText(this.caption, text);
    this.canvas.dataset["error"] = text;
    return true;
  }

  private change(options: Partial<LandscapeOptions>): void {
    this.options = { ...this.options, ...options };
    this.pending = null; // the answer to the old request will be ignored
    this.shownKey = null;
    this.refresh();
  }

  private draw(message: DecodedLandscape): void {
    const { header } = message;
    const loss = readArray(message, "loss")?.values;
    const path = readArray(message, "path")?.values;
    if (loss === undefined || path === undefined) return;
    const size = Math.round(Math.sqrt(loss.length));
    const grid: LossGrid = { values: loss, size, low: header.low, high: header.high };
    const { canvas } = this;
    const scale = window.devicePixelRatio || 1;
    const width = Math.round((canvas.clientWidth || 300) * scale);
    const height = Math.round((canvas.clientHeight || 300) * scale);
    if (canvas.width !== width || canvas.height !== height) [canvas.width, canvas.height] = [width, height];
    const ctx = canvas.getContext("2d")!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.paintShades(grid);
    // The shades are log-spaced: the middle of the bar is the loss at shade 0.5.
    this.legend.show({ label: "Loss", color: shadeColor, ticks: [formatTick(header.low), formatTick(unshade(0.5, header.low, header.high)), formatTick(header.high)] });
    // Grid samples sit on the edges: overhang by half a cell so each pixel centres on one.
    const cell = width / Math.max(1, size - 1);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.grid, -cell / 2, -cell / 2, width + cell, height + cell);
    this.drawContours(ctx, grid, width, height);
    const points = this.drawPath(ctx, path, header.span, width, height, scale);
    Object.assign(canvas.dataset, { step: String(header.step), pathPoints: String(points), low: String(header.low), high: String(header.high), directions: header.directions });
    delete canvas.dataset["error"];
    const kind = header.directions === "pca" ? "the top two principal directions of the path" : "two random filter-normalised directions (Li et al. 2018)";
    setText(this.caption, `Training loss at step ${header.step} along ${kind}, ±${header.span}: ${header.low.toPrecision(3)} (dark) to ${header.high.toPrecision(3)} (light). White: the path, ${points} snapshots; red: now.`);
  }

  private paintShades(grid: LossGrid): void {
    const { size, values, low, high } = grid;
    this.grid.width = this.grid.height = size;
    const ctx = this.grid.getContext("2d")!;
    const image = ctx.createImageData(size, size);
    for (let i = 0; i < size * size; i++) {
      image.data.set(shadeColor(shade(values[i]!, low, high)), 4 * i);
      image.data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }

  private drawContours(ctx: CanvasRenderingContext2D, grid: LossGrid, width: number, height: number): void {
    const sx = width / (grid.size - 1);
    const sy = height / (grid.size - 1);
    ctx.strokeStyle = "rgba(255, 255, 255, 0.45)";
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const level of contourLevels(grid.low, grid.high, CONTOURS)) {
      const s = contourSegments(grid, level);
      for (let i = 0; i < s.length; i += 4) {
        ctx.moveTo(s[i]! * sx, s[i + 1]! * sy);
        ctx.lineTo(s[i + 2]! * sx, s[i + 3]! * sy);
      }
    }
    ctx.stroke();
  }

  /** The path as a line with a dot per snapshot, the current point in red; returns its length. */
  private drawPath(ctx: CanvasRenderingContext2D, path: Float32Array, span: number, width: number, height: number, scale: number): number {
    const count = path.length / 2;
    const at = (i: number): [number, number] => planeToCanvas(path[2 * i]!, path[2 * i + 1]!, span, width, height);
    ctx.lineWidth = 2 * scale;
    ctx.strokeStyle = "#ffffff";
    ctx.beginPath();
    for (let i = 0; i < count; i++) {
      const [x, y] = at(i);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
    ctx.fillStyle = "#ffffff";
    for (let i = 0; i < count - 1; i++) {
      const [x, y] = at(i);
      ctx.beginPath();
      ctx.arc(x, y, 2.5 * scale, 0, 2 * Math.PI);
      ctx.fill();
    }
    if (count > 0) {
      const [x, y] = at(count - 1);
      ctx.fillStyle = "#e0301e";
      ctx.beginPath();
      ctx.arc(x, y, 5 * scale, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
    return count;
  }
}
