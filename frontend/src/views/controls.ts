// The control bar: play/pause, step, reset, learning rate, and the keyboard shortcuts.
// Controls only send requests; what they show comes from the server's replies, so
// every open tab of a session agrees with what the session is really doing.

export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;

export interface ControlActions {
  togglePlay(): void;
  step(): void;
  reset(): void;
  setLearningRate(rate: number): void;
  showTestData(show: boolean): void;
}

export interface ControlsView {
  connected: boolean;
  playing: boolean;
  learningRate: number | undefined;
}

/** Plain decimal text: 0.00001, not 1e-5. */
export function formatRate(rate: number): string {
  return rate >= 1e-6 ? String(rate) : rate.toFixed(12).replace(/0+$/, "");
}

function rateOption(rate: number): HTMLOptionElement {
  const option = document.createElement("option");
  option.value = option.textContent = formatRate(rate);
  return option;
}

function byId<T extends HTMLElement>(root: ParentNode, id: string, type: new () => T): T {
  const element = root.querySelector(`#${id}`);
  if (!(element instanceof type)) throw new Error(`#${id} is missing from the page`);
  return element;
}

export class Controls {
  readonly playButton: HTMLButtonElement;
  readonly stepButton: HTMLButtonElement;
  readonly resetButton: HTMLButtonElement;
  readonly rateSelect: HTMLSelectElement;
  readonly showTest: HTMLInputElement;
  /** The rate last taken from the server; the select is only reset when that changes,
   *  so a choice awaiting the server's reply is not flipped back by the next frame. */
  private shownRate: number | undefined | null = null;

  constructor(root: ParentNode, actions: ControlActions) {
    this.playButton = byId(root, "play-pause", HTMLButtonElement);
    this.stepButton = byId(root, "step-button", HTMLButtonElement);
    this.resetButton = byId(root, "reset-button", HTMLButtonElement);
    this.rateSelect = byId(root, "learning-rate", HTMLSelectElement);
    this.showTest = byId(root, "show-test", HTMLInputElement);
    this.rateSelect.replaceChildren(...LEARNING_RATES.map((rate) => rateOption(rate)));

    this.playButton.addEventListener("click", () => actions.togglePlay());
    this.stepButton.addEventListener("click", () => actions.step());
    this.resetButton.addEventListener("click", () => actions.reset());
    this.rateSelect.addEventListener("change", () => actions.setLearningRate(Number(this.rateSelect.value)));
    this.showTest.addEventListener("change", () => actions.showTestData(this.showTest.checked));
  }

  render({ connected, playing, learningRate }: ControlsView): void {
    const label = playing ? "Pause" : "Play";
    if (this.playButton.textContent !== label) this.playButton.textContent = label;
    for (const control of [this.playButton, this.stepButton, this.resetButton, this.rateSelect]) {
      control.disabled = !connected;
    }
    if (learningRate !== this.shownRate) {
      this.shownRate = learningRate;
      if (learningRate !== undefined) this.selectRate(learningRate);
    }
  }

  /** Show the server's rate again on the next render (e.g. after it refused a change). */
  resync(): void {
    this.shownRate = null;
  }

  private selectRate(rate: number): void {
    const text = formatRate(rate);
    // Another client may have set a rate that is not in the list: offer it too.
    if (![...this.rateSelect.options].some((option) => option.value === text)) {
      const option = rateOption(rate);
      const after = [...this.rateSelect.options].find((o) => Number(o.value) > rate) ?? null;
      this.rateSelect.add(option, after);
    }
    this.rateSelect.value = text;
  }
}

/** Whether the focused element uses this key itself: text fields and selects use
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
export function bindShortcuts(target: Pick<Window, "addEventListener">, actions: ControlActions, enabled: () => boolean): void {
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
