// The probe unrolled, for the tasks with classes at every step (echo, parity, text): a
// column per step, rows for the input, the target and the network's answer; an answer is
// blue where right and orange where wrong, the stronger the surer the network is.

import { cssColor, NEGATIVE, POSITIVE } from "../../../shell/views/colormap";
import { h, setText } from "../../../shell/views/dom";
import type { Grid } from "../../../shell/labData";
import type { Symbols } from "../symbols";

const ROWS = ["input", "target", "output"] as const;
const ROW_HEIGHT = 22; // CSS pixels
const LABEL_WIDTH = 52;
const GLYPHS_FROM = 9; // CSS pixels a column needs for its symbol; narrower ones show colour only

/** The class with the highest probability in row `step` of outputs (P, K), and that probability. */
export function answer(outputs: Grid, step: number): [cls: number, probability: number] {
  const classes = outputs.shape[1] ?? 1;
  let best = 0;
  for (let k = 1; k < classes; k++) if (outputs.values[step * classes + k]! > outputs.values[step * classes + best]!) best = k;
  return [best, outputs.values[step * classes + best]!];
}

export class SymbolStrip {
  private readonly canvas = h("canvas", { class: "symbol-strip", id: "unrolled-strip", role: "img", "aria-label": "" });
  private readonly caption = h("p", { class: "chart-caption", id: "unrolled-caption" });

  constructor(root: HTMLElement) {
    root.append(this.canvas, this.caption);
  }

  set hidden(hidden: boolean) {
    this.canvas.hidden = this.caption.hidden = hidden;
  }

  render(inputs: Grid, targets: Float32Array, outputs: Grid, symbols: Symbols): void {
    const steps = targets.length;
    const answers = Array.from({ length: steps }, (_, t) => answer(outputs, t));
    const rows: Record<(typeof ROWS)[number], string[]> = {
      input: Array.from({ length: steps }, (_, t) => symbols.input(inputs.values[t]!)),
      target: Array.from(targets, (c) => symbols.output(c)),
      output: answers.map(([c]) => symbols.output(c)),
    };
    const right = answers.filter(([c], t) => c === targets[t]).length;
    this.draw(rows, answers.map(([c, p], t) => [c === targets[t], p] as const));
    setText(this.caption, `${right} of ${steps} steps right on this sequence.`);
    const label = ROWS.map((row) => `${row}: ${rows[row].join(" ")}`).join("; ");
    if (this.canvas.getAttribute("aria-label") !== label) this.canvas.setAttribute("aria-label", label);
  }

  private draw(rows: Record<(typeof ROWS)[number], string[]>, judged: readonly (readonly [right: boolean, probability: number])[]): void {
    const ctx = this.canvas.getContext("2d");
    const width = this.canvas.clientWidth;
    if (ctx === null || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    const height = ROW_HEIGHT * ROWS.length;
    if (this.canvas.width !== Math.round(width * ratio)) this.canvas.width = Math.round(width * ratio);
    if (this.canvas.height !== Math.round(height * ratio)) this.canvas.height = Math.round(height * ratio);
    this.canvas.style.height = `${height}px`;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const steps = judged.length;
    const column = (width - LABEL_WIDTH) / Math.max(1, steps);
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.font = "11px system-ui";
    ROWS.forEach((row, r) => {
      const y = r * ROW_HEIGHT;
      ctx.fillStyle = "#5f6368";
      ctx.textAlign = "left";
      ctx.fillText(row, 0, y + ROW_HEIGHT / 2);
      ctx.textAlign = "center";
      ctx.font = `${Math.min(14, Math.max(9, column * 0.8))}px ui-monospace, monospace`;
      for (let t = 0; t < steps; t++) {
        const x = LABEL_WIDTH + t * column;
        if (row === "output") {
          const [right, probability] = judged[t]!;
          ctx.globalAlpha = 0.2 + 0.8 * Math.max(0, Math.min(1, probability));
          ctx.fillStyle = cssColor(right ? POSITIVE : NEGATIVE);
          ctx.fillRect(x + 0.5, y + 1, Math.max(1, column - 1), ROW_HEIGHT - 2);
          ctx.globalAlpha = 1;
        } else if (row === "target") {
          ctx.fillStyle = "#eef0f2";
          ctx.fillRect(x + 0.5, y + 1, Math.max(1, column - 1), ROW_HEIGHT - 2);
        }
        if (column < GLYPHS_FROM) continue;
        ctx.fillStyle = row === "output" && judged[t]![1] > 0.5 ? "#ffffff" : "#202124";
        ctx.fillText(rows[row][t]!, x + column / 2, y + ROW_HEIGHT / 2 + 1);
      }
      ctx.font = "11px system-ui";
    });
  }
}
