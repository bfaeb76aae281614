// The probe: one test image, what the network says of it (each class's probability) and
// which pixels sway its answer most (the saliency map, |∂ score / ∂ pixel|).

import { button, h, setText } from "../../../shell/views/dom";
import { type ImageSets, type ImagesFrame } from "../frame";
import { grey, limitOf, paint, pixelCanvas } from "./pixels";

export class ProbeView {
  private readonly image = pixelCanvas(8, "The probe image", "pixels probe");
  private readonly saliency = pixelCanvas(8, "Saliency: the pixels that sway the answer most", "pixels probe");
  private readonly names: HTMLElement[] = [];
  private readonly caption = h("p", { class: "probe-caption", "aria-live": "polite" });
  private readonly bars: HTMLElement[] = [];
  private readonly values: HTMLElement[] = [];

  constructor(root: HTMLElement, move: (delta: number) => void) {
    const rows = Array.from({ length: 10 }, (_, digit) => {
      const bar = h("span", { class: "bar" });
      const value = h("span", { class: "value" });
      this.bars.push(bar);
      this.values.push(value);
      const name = h("span", { class: "digit" }, String(digit));
      this.names.push(name);
      return h("div", { class: "probability", "data-class": digit }, name, h("span", { class: "track" }, bar), value);
    });
    root.append(
      h(
        "div",
        { class: "probe-images" },
        h("figure", {}, this.image, h("figcaption", {}, "Probe")),
        h("figure", {}, this.saliency, h("figcaption", {}, "Saliency")),
        h("div", { class: "probe-buttons" }, button("‹", () => move(-1), { "aria-label": "Previous test image" }), button("›", () => move(1), { "aria-label": "Next test image" })),
      ),
      this.caption,
      h("div", { class: "probabilities", role: "img", "aria-label": "The probe's class probabilities" }, ...rows),
    );
  }

  /** `names`: each class's name (its digit, or the garment). */
  render(frame: ImagesFrame, data: ImageSets | null, probe: number, names: readonly string[]): void {
    const { probabilities, side } = frame;
    names.forEach((name, c) => this.names[c] && setText(this.names[c], name));
    const guess = probabilities === null ? -1 : probabilities.indexOf(Math.max(...probabilities));
    const seen = guess < 0 ? "" : `, seen as a ${names[guess] ?? guess}`;
    if (frame.probe !== null && side !== null) paint(this.image, side, (r, c) => r * side + c, frame.probe, grey);
    const count = data?.test?.count ?? 0;
    if (frame.probeLabel === -1) setText(this.caption, `Your drawing${seen}`);
    else if (frame.probeLabel !== null && count > 0) setText(this.caption, `Test image ${(probe % count) + 1} of ${count}: a ${names[frame.probeLabel] ?? frame.probeLabel}${seen}`);
    if (frame.saliency !== null && side !== null) {
      const limit = limitOf(frame.saliency);
      paint(this.saliency, side, (r, c) => r * side + c, frame.saliency, (v) => grey(v / (limit || 1)));
    }
    frame.probabilities?.forEach((p, digit) => {
      this.bars[digit]!.style.width = `${(100 * p).toFixed(1)}%`;
      setText(this.values[digit]!, `${Math.round(100 * p)} %`);
    });
  }
}
