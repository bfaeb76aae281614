// The probe, token by token: a row of its input tokens (the separator as "|"), and under
// the positions that answer, the answer it should get and the network's, blue where right
// and orange where wrong, the stronger the surer the network is.

import { cssColor, NEGATIVE, POSITIVE } from "../../../shell/views/colormap";
import { h, setText } from "../../../shell/views/dom";
import type { Grid } from "../../../shell/labData";
import { answer } from "../frame";

export class ProbeTokens {
  private readonly table = h("table", { class: "probe-tokens", id: "probe-tokens" });
  private readonly caption = h("p", { class: "chart-caption", id: "probe-caption" });
  private cells: { input: HTMLElement[]; target: HTMLElement[]; output: HTMLElement[] } = { input: [], target: [], output: [] };
  private shape = "";

  constructor(root: HTMLElement) {
    root.append(this.table, this.caption);
  }

  render(tokens: Int32Array, targets: Int32Array, outputs: Grid, separator: number, modular: boolean): void {
    const positions = tokens.length;
    const answers = targets.length;
    const shape = `${positions}x${answers}`;
    if (shape !== this.shape) this.build(positions, shape);
    const first = positions - answers;
    let right = 0;
    for (let s = 0; s < positions; s++) {
      const token = tokens[s]!;
      setText(this.cells.input[s]!, token === separator ? (modular ? "=" : "|") : String(token));
      const p = s - first;
      const target = this.cells.target[s]!;
      const output = this.cells.output[s]!;
      if (p < 0) {
        setText(target, "");
        setText(output, "");
        output.style.background = "";
        continue;
      }
      const [cls, probability] = answer(outputs, p);
      const ok = cls === targets[p];
      if (ok) right++;
      setText(target, String(targets[p]));
      setText(output, String(cls));
      const [r, g, b] = ok ? POSITIVE : NEGATIVE;
      output.style.background = `rgba(${r}, ${g}, ${b}, ${(0.15 + 0.75 * probability).toFixed(2)})`;
      output.style.color = probability > 0.6 ? "#fff" : cssColor([26, 26, 26]);
      output.title = `${Math.round(probability * 100)} % sure of ${cls}`;
    }
    setText(this.caption, `${right} of ${answers} answers right`);
  }

  private build(positions: number, shape: string): void {
    this.shape = shape;
    const row = (label: string): [HTMLElement, HTMLElement[]] => {
      const cells = Array.from({ length: positions }, () => h("td", {}));
      return [h("tr", {}, h("th", { scope: "row" }, label), ...cells), cells];
    };
    const [inputRow, input] = row("Input");
    const [targetRow, target] = row("Target");
    const [outputRow, output] = row("Network");
    this.cells = { input, target, output };
    this.table.replaceChildren(h("tbody", {}, inputRow, targetRow, outputRow));
  }
}
