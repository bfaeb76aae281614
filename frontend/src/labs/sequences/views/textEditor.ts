// The text the text task learns, edited in a textarea and applied with a button (or on
// leaving the textarea). What the user typed is never overwritten by the session's text
// while it differs and has not been applied: a text the server refuses (too short, too
// many distinct characters) stays in the box, marked, with the server's reason shown by
// the page's notices, so nothing typed is lost.

import { button, h, labelFor, setText } from "../../../shell/views/dom";

export class TextEditor {
  private readonly area = h("textarea", { class: "text-input", rows: 6, spellcheck: false });
  private readonly facts = h("p", { class: "text-facts" });
  /** The session's text as last shown. */
  private applied = "";
  /** The request that sent the box's text, until answered by a state or refused. */
  private pending: number | null = null;
  private sent = "";

  constructor(
    root: HTMLElement,
    private readonly apply: (text: string) => number | null,
  ) {
    const use = (): void => this.use();
    this.area.addEventListener("input", () => {
      this.area.removeAttribute("aria-invalid");
      this.describe();
    });
    this.area.addEventListener("change", use);
    root.append(labelFor("Text to learn", this.area), this.area, h("div", { class: "text-actions" }, button("Use this text", use), this.facts));
  }

  private get draft(): string {
    return this.area.value;
  }

  private use(): void {
    if (this.draft === this.applied || this.draft === this.sent) return;
    this.sent = this.draft;
    this.pending = this.apply(this.draft);
  }

  /** The server refused request `replyTo`: keep the draft, and mark it if it was ours. */
  refused(replyTo: number | null | undefined): void {
    if (replyTo == null || replyTo !== this.pending) return;
    this.pending = null;
    this.sent = "";
    this.area.setAttribute("aria-invalid", "true");
  }

  /** Show the session's text, unless the box holds an edit not yet taken. */
  render(text: string): void {
    if (text === this.applied) return;
    const edited = this.draft !== this.applied;
    this.applied = text;
    if (this.draft === text) this.pending = null;
    else if (!edited && document.activeElement !== this.area) this.area.value = text;
    this.describe();
  }

  private describe(): void {
    const distinct = new Set(this.draft).size;
    const state = this.draft === this.applied ? "in use" : "not applied yet";
    setText(this.facts, `${this.draft.length} characters, ${distinct} distinct · ${state}`);
  }
}
