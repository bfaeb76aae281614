// The probe sequence unrolled over time, drawn the way its task reads: symbols per step
// (echo, parity, text) or values (wave, adding).

import type { SequencesFrame } from "../frame";
import type { TaskName } from "../settings";
import { symbolsOf } from "../symbols";
import { SymbolStrip } from "./symbolStrip";
import { ValueChart } from "./valueChart";

export class UnrolledView {
  private readonly strip: SymbolStrip;
  private readonly values: ValueChart;

  constructor(root: HTMLElement) {
    this.strip = new SymbolStrip(root);
    this.values = new ValueChart(root);
  }

  render(frame: SequencesFrame, task: TaskName): void {
    const { inputs, targets, outputs } = frame;
    if (inputs === null || targets === null || outputs === null) return;
    const symbols = symbolsOf(task, frame.vocabulary);
    // A task's first frame after a change may still be the old task's: its shapes tell.
    const perStepClasses = (outputs.shape[1] ?? 1) > 1 && targets.length === inputs.shape[0];
    this.strip.hidden = symbols === null;
    this.values.hidden = symbols !== null;
    if (symbols !== null && perStepClasses) this.strip.render(inputs, targets, outputs, symbols);
    else if ((task === "wave" || task === "adding") && (outputs.shape[1] ?? 1) === 1) this.values.render(task, inputs, targets, outputs);
  }
}
