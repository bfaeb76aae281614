// The message shown when training diverges (the loss went infinite) or gets stuck (a
// classifier's units saturated by too large a learning rate): what happened in plain
// words, the server's own account (which names the cause: the learning rate, or large
// regression targets), and the ways out, each of which recovers a learning run: a tenth of
// the learning rate from fresh weights (the old ones may be saturated or dead), or Reset.
// It stays until the user acts or training resumes.

import type { ErrorMessage } from "../../protocol/client";
import { button, h, setText } from "./dom";

/** Whether a server error reports divergence or saturation (the session pauses itself). */
export const isDivergence = (error: ErrorMessage): boolean => error.code === "diverged" || error.code === "stuck";

const HEADINGS = { diverged: "Loss became infinite — training diverged.", stuck: "Training is stuck — the network saturated." };

export interface DivergenceActions {
  /** A tenth of the learning rate, fresh weights, and training again. */
  lowerRate(): void;
  reset(): void;
}

export class DivergenceBanner {
  private readonly element = h("div", { class: "divergence", role: "alert", hidden: true });
  private readonly heading = h("strong", {});
  private readonly detail = h("p", { class: "detail" });

  constructor(container: HTMLElement, actions: DivergenceActions) {
    const act = (action: () => void) => () => {
      this.hide();
      action();
    };
    this.element.append(
      h("div", { class: "divergence-text" }, this.heading, this.detail),
      h(
        "div",
        { class: "divergence-actions" },
        button("Lower learning rate ×0.1 and reset", act(actions.lowerRate), { class: "primary", title: "A tenth of the learning rate, from the initial weights: saturated or dead units do not recover on their own" }),
        button("Reset", act(actions.reset)),
      ),
    );
    container.append(this.element);
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  show(error: ErrorMessage): void {
    setText(this.heading, HEADINGS[error.code === "stuck" ? "stuck" : "diverged"]);
    setText(this.detail, error.message);
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
