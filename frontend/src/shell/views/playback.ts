// Play/pause, step, step epoch, reset and regenerate, and the keyboard shortcuts.
// The Play button's label comes from the server's replies, so every open tab of a
// session shows what the session is really doing.

import { button, setText } from "./dom";

export interface PlaybackActions {
  togglePlay(): void;
  step(): void;
  stepEpoch(): void;
  reset(): void;
  regenerate(): void;
}

export class Playback {
  readonly play: HTMLButtonElement;
  private readonly all: HTMLButtonElement[];

  constructor(container: HTMLElement, actions: PlaybackActions) {
    this.play = button("Play", () => actions.togglePlay(), { class: "primary play", title: "Space" });
    this.all = [
      this.play,
      button("Step", () => actions.step(), { title: "→: one step" }),
      button("Step epoch", () => actions.stepEpoch(), { title: "One pass over the training data" }),
      button("Reset", () => actions.reset(), { title: "Back to the initial weights, step 0" }),
      button("Regenerate", () => actions.regenerate(), { title: "Draw new points for this dataset" }),
    ];
    container.append(...this.all);
  }

  render(connected: boolean, playing: boolean): void {
    setText(this.play, playing ? "Pause" : "Play");
    for (const control of this.all) control.disabled = !connected;
  }
}

/** Whether the focused element uses this key itself: text fields, sliders and selects use
 *  arrows and space; buttons and checkboxes answer space by activating themselves. */
export function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest("select, textarea, [contenteditable]") !== null) return true;
  if (target instanceof HTMLInputElement) {
    return key === " " || !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  }
  return key === " " && target.closest("button, summary, a[href]") !== null;
}

/** Space toggles play/pause and right arrow steps, unless the focused element uses the key. */
export function bindShortcuts(target: Pick<Window, "addEventListener">, actions: PlaybackActions, enabled: () => boolean): void {
  target.addEventListener("keydown", (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== " " && event.key !== "ArrowRight") return;
    if (ownsKey(event.target, event.key) || !enabled()) return;
    event.preventDefault(); // no page scroll
    if (event.key === " ") {
      if (!event.repeat) actions.togglePlay();
    } else {
      actions.step();
    }
  });
}
