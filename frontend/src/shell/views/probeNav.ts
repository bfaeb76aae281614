// Which test example a lab's views show (the sequences lab's probe sequence, the attention
// lab's probe): ‹ › step through them (the server takes the index modulo the test
// examples), and a caption says which one it is.

import { button, h, setText } from "./dom";

export class ProbeNav {
  private readonly caption = h("p", { class: "probe-caption", "aria-live": "polite" });

  /** `noun`: what an example is called ("test sequence"). */
  constructor(root: HTMLElement, move: (delta: number) => void, private readonly noun = "test sequence") {
    root.append(
      h(
        "div",
        { class: "probe-nav" },
        h("div", { class: "probe-buttons" }, button("‹", () => move(-1), { "aria-label": `Previous ${noun}` }), button("›", () => move(1), { "aria-label": `Next ${noun}` })),
        this.caption,
      ),
    );
  }

  render(probe: number, tests: number): void {
    setText(this.caption, tests > 0 ? `${this.noun[0]!.toUpperCase()}${this.noun.slice(1)} ${(probe % tests) + 1} of ${tests}` : "");
  }
}
