// A small number field opened where the user clicked, to type one value: Enter applies,
// Escape (or clicking elsewhere) cancels. Used for weights and biases in the diagram.

export class InlineEditor {
  readonly input = document.createElement("input");
  private apply: ((value: number) => void) | null = null;

  constructor(container: HTMLElement, private readonly limit = 100) {
    this.input.type = "text";
    this.input.inputMode = "decimal";
    this.input.className = "inline-editor";
    this.input.hidden = true;
    container.append(this.input);
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") this.commit();
      else if (event.key === "Escape") this.close();
      event.stopPropagation(); // typing here must not trigger the page's shortcuts
    });
    this.input.addEventListener("blur", () => this.close());
  }

  get open(): boolean {
    return !this.input.hidden;
  }

  /** Show the field at (x, y) in the container with `value`, named `label` for screen readers. */
  show(x: number, y: number, label: string, value: number, apply: (value: number) => void): void {
    this.apply = apply;
    this.input.setAttribute("aria-label", label);
    this.input.title = `${label}: Enter applies, Escape cancels`;
    this.input.value = String(Number(value.toFixed(4)));
    this.input.style.left = `${x}px`;
    this.input.style.top = `${y}px`;
    this.input.hidden = false;
    this.input.focus();
    this.input.select();
  }

  close(): void {
    this.apply = null;
    this.input.hidden = true;
  }

  private commit(): void {
    const value = Number(this.input.value.replace("−", "-"));
    const apply = this.apply;
    if (apply === null || this.input.value.trim() === "" || !Number.isFinite(value) || Math.abs(value) > this.limit) {
      this.input.setAttribute("aria-invalid", "true");
      return;
    }
    this.input.removeAttribute("aria-invalid");
    this.close();
    apply(value);
  }
}
