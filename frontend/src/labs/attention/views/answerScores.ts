// The test accuracy at each answer position, as a row of bars: where the network has
// learned to look, and where not yet (the first positions of a sort, the early tokens of
// an induction's repeat).

import { h, setText } from "../../../shell/views/dom";

export class AnswerScores {
  private bars: { bar: HTMLElement; label: HTMLElement }[] = [];
  private readonly row = h("div", { class: "answer-scores", id: "answer-scores", role: "img", "aria-label": "Test accuracy per answer position" });

  constructor(root: HTMLElement) {
    root.append(this.row);
  }

  render(scores: Float32Array): void {
    if (this.bars.length !== scores.length) {
      this.bars = Array.from(scores, () => ({ bar: h("span", { class: "answer-bar" }), label: h("span", { class: "answer-label" }) }));
      this.row.replaceChildren(...this.bars.map(({ bar, label }, p) => h("span", { class: "answer-column", title: `Position ${p + 1}` }, h("span", { class: "answer-track" }, bar), label)));
    }
    scores.forEach((score, p) => {
      const { bar, label } = this.bars[p]!;
      bar.style.height = `${Math.round(score * 100)}%`;
      setText(label, `${Math.round(score * 100)}`);
    });
  }
}
