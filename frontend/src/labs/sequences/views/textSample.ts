// The text task's sample: the probe's characters (grey), then what the network writes
// after them, one character at a time at the chosen temperature. The server draws with
// the same random numbers every frame, so the sample changes only as the network learns.

import { h, setText } from "../../../shell/views/dom";
import { spell } from "../frame";

export class TextSample {
  private readonly prompt = h("span", { class: "prompt" });
  private readonly written = h("span", { class: "written", id: "text-sample" });

  constructor(root: HTMLElement) {
    root.append(h("pre", { class: "text-sample", "aria-label": "The probe's text, then what the network writes after it" }, this.prompt, this.written));
  }

  /** `prompt`: the probe's character indices; `sample`: the written text. */
  render(prompt: ArrayLike<number>, vocabulary: readonly string[], sample: string): void {
    setText(this.prompt, spell(prompt, vocabulary));
    setText(this.written, sample);
  }
}
