// Play/pause, step, step epoch, reset and regenerate, and the keyboard shortcuts ("?"
// lists them all).
// The Play button's label comes from the server's replies, so every open tab of a
// session shows what the session is really doing.

import { button, setText } from "./dom";
import { ShortcutOverlay } from "./shortcuts";

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

const ARROWS = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"];
const CHECKABLE = '[role="radio"], [role="checkbox"], [role="switch"], [role="option"]';

/** Whether the focused element uses this key itself: text fields, selects and the labs' own
 *  widgets that say so with `data-owns-arrows` (arrows only); checkboxes and radio buttons,
 *  native or by role (the dataset picker), toggle with Space, as a section's summary unfolds
 *  with it. Buttons do not own Space:
 *  Enter presses them, and Space stays play/pause after a button was pressed. */
export function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest("select, textarea, [contenteditable]") !== null) return true;
  if (ARROWS.includes(key) && target.closest("[data-owns-arrows]") !== null) return true;
  if (key === " " && target.closest(CHECKABLE) !== null) return true; // Space checks them (ARIA)
  // Space unfolds a folded section and presses what is a button by role only.
  if (key === " " && target.closest('summary, [role="button"]:not(button)') !== null) return true;
  if (target instanceof HTMLInputElement) {
    if (["button", "submit", "reset"].includes(target.type)) return false;
    if (["checkbox", "radio"].includes(target.type)) return key === " " || ARROWS.includes(key);
    if (target.type === "range") return ARROWS.includes(key) || ["Home", "End", "PageUp", "PageDown"].includes(key);
    return true;
  }
  return false;
}

/** Space toggles play/pause and right arrow steps, unless the focused element uses the key
 *  or `enabled` says no (a watcher's page); "?" opens the list of every shortcut. */
export function bindShortcuts(target: Pick<Window, "addEventListener">, actions: PlaybackActions, enabled: () => boolean, overlay = new ShortcutOverlay()): void {
  target.addEventListener("keydown", (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    if (event.key === "?" && !ownsKey(event.target, event.key)) {
      event.preventDefault();
      overlay.open();
      return;
    }
    if (event.shiftKey || (event.key !== " " && event.key !== "ArrowRight")) return;
    if (ownsKey(event.target, event.key) || !enabled()) return;
    event.preventDefault(); // no page scroll, and a focused button is not pressed again
    if (event.key === " ") {
      if (!event.repeat) actions.togglePlay();
    } else {
      actions.step();
    }
  });
}
