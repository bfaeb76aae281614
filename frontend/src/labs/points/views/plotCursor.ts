// The output plot for the keyboard: while the plot takes points (draw mode) or picks one
// (the step-through), it is a tab stop whose arrow keys move a visible cursor over the input
// plane and whose Enter acts as a click there. One cursor per plot canvas, shared by the
// views that use the plot this way.

import "./plotCursor.css";

import { formatNumber } from "../../../shell/settings";
import { h, setText } from "../../../shell/views/dom";
import { moveCursor } from "./keyboard";
import { toCanvas } from "./plane";

const cursors = new WeakMap<HTMLCanvasElement, PlotCursor>();

/** The cursor of the plot `canvas` (made on first use). */
export function plotCursor(canvas: HTMLCanvasElement): PlotCursor {
  let cursor = cursors.get(canvas);
  if (cursor === undefined) cursors.set(canvas, (cursor = new PlotCursor(canvas)));
  return cursor;
}

export class PlotCursor {
  private readonly marker = h("div", { class: "plot-cursor", "aria-hidden": "true", hidden: true });
  private readonly hint = h("p", { class: "visually-hidden" });
  private readonly uses = new Map<string, string>();
  private at: [number, number] = [0, 0];

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.hint.id = `${canvas.id || "plot"}-cursor-hint`;
    canvas.parentElement?.append(this.marker, this.hint);
    canvas.addEventListener("keydown", (event) => this.key(event));
    canvas.addEventListener("focus", () => this.place());
    canvas.addEventListener("blur", () => (this.marker.hidden = true));
    // A mouse click does not focus the plot: the arrow keys stay with what had them (the
    // step-through's stages), and the cursor stays the keyboard's.
    canvas.addEventListener("mousedown", (event) => this.uses.size > 0 && event.preventDefault());
  }

  /** Let the keyboard use the plot for `reason` (what Enter does, e.g. "draws a point here"),
   *  or stop (`what` null). The plot is a tab stop while any reason holds. */
  use(reason: string, what: string | null): void {
    if ((this.uses.get(reason) ?? null) === what) return;
    if (what === null) this.uses.delete(reason);
    else this.uses.set(reason, what);
    if (this.uses.size > 0) {
      this.canvas.tabIndex = 0;
      this.canvas.setAttribute("data-owns-arrows", "");
      this.canvas.setAttribute("aria-describedby", this.hint.id);
      this.describe();
    } else {
      if (document.activeElement === this.canvas) this.canvas.blur();
      for (const name of ["tabindex", "data-owns-arrows", "aria-describedby"]) this.canvas.removeAttribute(name);
    }
  }

  private key(event: KeyboardEvent): void {
    if (this.uses.size === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Enter") {
      const rect = this.canvas.getBoundingClientRect();
      const [x, y] = toCanvas(this.at[0], this.at[1], rect.width, rect.height);
      // A click at the cursor: the views that take clicks on the plot act on it; its
      // `detail` of 0 tells them it came from the keyboard (see StepThrough.clicked).
      this.canvas.dispatchEvent(new MouseEvent("click", { bubbles: true, clientX: rect.left + x, clientY: rect.top + y, detail: 0 }));
    } else {
      const moved = moveCursor(this.at, event.key, event.shiftKey);
      if (moved === null) return;
      this.at = moved;
      this.place();
      this.describe();
    }
    event.preventDefault();
  }

  private place(): void {
    this.marker.hidden = this.uses.size === 0 || document.activeElement !== this.canvas;
    const [x, y] = toCanvas(this.at[0], this.at[1], this.canvas.clientWidth, this.canvas.clientHeight);
    this.marker.style.left = `${this.canvas.offsetLeft + x}px`;
    this.marker.style.top = `${this.canvas.offsetTop + y}px`;
  }

  private describe(): void {
    const [x1, x2] = this.at.map((v) => formatNumber(v));
    setText(this.hint, `Arrow keys move a cursor, now at x₁ = ${x1}, x₂ = ${x2}; Enter ${[...this.uses.values()].join(", or ")}.`);
  }
}
