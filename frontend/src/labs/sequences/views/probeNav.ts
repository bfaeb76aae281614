// Which test sequence the page unrolls the network on: ‹ › step through them (the server
// takes the index modulo the test sequences), and a caption says which one it is.

import { button, h, setText } from "../../../shell/views/dom";

export class ProbeNav {
  private readonly caption = h("p", { class: "probe-caption", "aria-live": "polite" });

  constructor(root: HTMLElement, move: (delta: number) => void) {
    root.append(
      h(
        "div",
        { class: "probe-nav" },
        h("div", { class: "probe-buttons" }, button("‹", () => move(-1), { "aria-label": "Previous test sequence" }), button("›", () => move(1), { "aria-label": "Next test sequence" })),
        this.caption,
      ),
    );
  }

  render(probe: number, tests: number): void {
    setText(this.caption, tests > 0 ? `Test sequence ${(probe % tests) + 1} of ${tests}` : "");
  }
}
