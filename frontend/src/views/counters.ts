// The step, epoch and loss read-outs beside the plots.

import type { FrameHeader } from "../protocol/messages";

export const formatLoss = (loss: number): string => (Number.isFinite(loss) ? loss.toFixed(3) : "–");
export const formatEpoch = (epoch: number): string => String(Math.floor(epoch));

export class Counters {
  private readonly fields: [HTMLElement, (h: FrameHeader) => string][];

  constructor(root: ParentNode) {
    const field = (id: string): HTMLElement => {
      const element = root.querySelector<HTMLElement>(`#${id}`);
      if (element === null) throw new Error(`#${id} is missing from the page`);
      return element;
    };
    this.fields = [
      [field("step"), (h) => String(h.step)],
      [field("epoch"), (h) => formatEpoch(h.epoch)],
      [field("train-loss"), (h) => formatLoss(h.train_loss)],
      [field("test-loss"), (h) => formatLoss(h.test_loss)],
    ];
  }

  render(header: FrameHeader): void {
    for (const [element, format] of this.fields) {
      const text = format(header);
      if (element.textContent !== text) element.textContent = text;
    }
  }
}
