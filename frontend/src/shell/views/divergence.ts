// The message shown when training diverges: what happened in plain words, the server's
// own account (which names the cause: the learning rate, or large regression targets),
// and the two ways out. It stays until the user acts or training resumes.

import type { ErrorMessage } from "../../protocol/client";
import { button, h, setText } from "./dom";

/** Whether a server error reports divergence (the session pauses itself then). */
export const isDivergence = (error: ErrorMessage): boolean => error.code === "diverged";

export interface DivergenceActions {
  lowerRate(): void;
  reset(): void;
}

export class DivergenceBanner {
  private readonly element = h("div", { class: "divergence", role: "alert", hidden: true });
  private readonly detail = h("p", { class: "detail" });

  constructor(container: HTMLElement, actions: DivergenceActions) {
    const act = (action: () => void) => () => {
      this.hide();
      action();
    };
    this.element.append(
      h("div", { class: "divergence-text" }, h("strong", {}, "Loss became infinite — training diverged."), this.detail),
      h("div", { class: "divergence-actions" }, button("Lower learning rate ×0.1", act(actions.lowerRate), { class: "primary" }), button("Reset", act(actions.reset))),
    );
    container.append(this.element);
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  show(detail: string): void {
    setText(this.detail, detail);
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
