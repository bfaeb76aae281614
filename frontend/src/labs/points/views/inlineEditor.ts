// A small number field opened where the user clicked, to type one value: Enter applies,
// Escape (or clicking elsewhere) cancels. Used for weights and biases in the diagram.
// Opened from the keyboard, Enter and Escape give the focus back to where it came from.

export class InlineEditor {
  readonly input = document.createElement("input");
  private apply: ((value: number) => void) | null = null;
  private refocus: (() => void) | null = null;

  constructor(container: HTMLElement, private readonly limit = 100) {
    this.input.type = "text";
    this.input.inputMode = "decimal";
    this.input.className = "inline-editor";
    this.input.hidden = true;
    container.append(this.input);
    this.input.addEventListener("keydown", (event) => {
      // Handled here only: the key's default (a keypress) would press the button that gets
      // the focus back (a bias mark), opening the field again.
      if (event.key === "Enter" || event.key === "Escape") event.preventDefault();
      if (event.key === "Enter") this.commit();
      else if (event.key === "Escape") this.close(true);
      event.stopPropagation(); // typing here must not trigger the page's shortcuts
    });
    this.input.addEventListener("blur", () => this.close());
  }

  get open(): boolean {
    return !this.input.hidden;
  }

  /** Show the field at (x, y) in the container with `value`, named `label` for screen readers;
   *  `refocus` gives the focus back to the opener when the field closes by a key. */
  show(x: number, y: number, label: string, value: number, apply: (value: number) => void, refocus: (() => void) | null = null): void {
    this.apply = apply;
    this.refocus = refocus;
    this.input.setAttribute("aria-label", label);
    this.input.title = `${label}: Enter applies, Escape cancels`;
    this.input.value = String(Number(value.toFixed(4)));
    this.input.style.left = `${x}px`;
    this.input.style.top = `${y}px`;
    this.input.hidden = false;
    this.input.focus();
    this.input.select();
  }

  /** Hide the field; with `refocus`, focus its opener (hiding the focused field would drop
   *  the focus to the page's start). */
  close(refocus = false): void {
    const focusOpener = this.refocus;
    this.apply = null;
    this.refocus = null;
    this.input.hidden = true;
    if (refocus) focusOpener?.();
  }

  private commit(): void {
    const value = Number(this.input.value.replace("−", "-"));
    const apply = this.apply;
    if (apply === null || this.input.value.trim() === "" || !Number.isFinite(value) || Math.abs(value) > this.limit) {
      this.input.setAttribute("aria-invalid", "true");
      return;
    }
    this.input.removeAttribute("aria-invalid");
    this.close(true);
    apply(value);
  }
}
