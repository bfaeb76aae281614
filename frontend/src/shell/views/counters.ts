// Read-outs of the newest frame: progress (epoch, step, speed, learning rate now) in the
// top bar, and losses and accuracies above the curves. Each is a <dt>/<dd> pair whose
// <dd> carries an id, so tests and screen readers find it by name.

import type { FrameHeader } from "../../protocol/messages";
import { formatNumber } from "../settings";
import { h, setText } from "./dom";

/** A loss, or a dash where there is none (null: not a finite number). */
export const formatLoss = (loss: number | null): string => (loss !== null && Number.isFinite(loss) ? loss.toFixed(3) : "–");
export const formatAccuracy = (accuracy: number | null): string => (accuracy === null ? "–" : `${(accuracy * 100).toFixed(1)} %`);
export const formatCount = (n: number): string => Math.round(n).toLocaleString("en-US");
export const formatEpoch = (epoch: number): string => (epoch < 10 ? epoch.toFixed(1) : formatCount(Math.floor(epoch)));

/** What the read-outs show: the newest frame's header and the measured training pace. */
export interface Readout {
  header: FrameHeader;
  stepsPerSecond: number;
}

export interface Counter {
  id: string;
  label: string;
  format(readout: Readout): string;
  /** Whether it applies (accuracy does not for regression). */
  shown?(readout: Readout): boolean;
}

export const PROGRESS: readonly Counter[] = [
  { id: "epoch", label: "Epoch", format: ({ header }) => formatEpoch(header.epoch) },
  { id: "step", label: "Step", format: ({ header }) => String(header.step) },
  { id: "updates", label: "Updates/s", format: ({ stepsPerSecond }) => formatCount(stepsPerSecond) },
  { id: "rate-now", label: "Learning rate now", format: ({ header }) => formatNumber(Number(header.learning_rate.toPrecision(3))) },
];

const classification = ({ header }: Readout): boolean => header.train_accuracy !== null;

export const METRICS: readonly Counter[] = [
  { id: "train-loss", label: "Training loss", format: ({ header }) => formatLoss(header.train_loss) },
  { id: "test-loss", label: "Test loss", format: ({ header }) => formatLoss(header.test_loss) },
  { id: "train-accuracy", label: "Training accuracy", format: ({ header }) => formatAccuracy(header.train_accuracy), shown: classification },
  { id: "test-accuracy", label: "Test accuracy", format: ({ header }) => formatAccuracy(header.test_accuracy), shown: classification },
];

export class Counters {
  private readonly cells: [HTMLElement, HTMLElement, Counter][];

  constructor(container: HTMLElement, counters: readonly Counter[]) {
    this.cells = counters.map((counter) => {
      const value = h("dd", { id: counter.id }, "–");
      const cell = h("div", { class: "counter" }, h("dt", {}, counter.label), value);
      container.append(cell);
      return [cell, value, counter];
    });
  }

  render(readout: Readout): void {
    for (const [cell, value, counter] of this.cells) {
      setText(value, counter.format(readout));
      const shown = counter.shown?.(readout) ?? true;
      if (cell.hidden === shown) cell.hidden = !shown;
    }
  }
}
