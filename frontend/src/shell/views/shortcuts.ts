// The list of every keyboard shortcut, opened with "?": a modal dialog, closed by Escape
// or its button, that gives the focus back to where it was.

import "./shortcuts.css";

import { button, h } from "./dom";

/** Every key, with what it does and where. */
export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: "Space", action: "Play or pause training (anywhere but a text field, a list or a check box)" },
  { keys: "→", action: "One training step" },
  { keys: "?", action: "This list of shortcuts" },
  { keys: "Tab, Shift+Tab", action: "Move between controls; Enter presses a button" },
  { keys: "PageDown, PageUp", action: "Next or previous lesson (in the lesson panel, or presenting)" },
  { keys: "Escape", action: "Close a menu, this list, or an edit" },
  { keys: "↑ ↓ on the links", action: "2D lab: choose the previous or next link of the network (← → a layer)" },
  { keys: "Enter on a link or bias", action: "2D lab: edit its value (Enter applies, Escape cancels)" },
  { keys: "Arrows on the output plot", action: "2D lab, drawing or stepping through: move the cursor (Shift: faster)" },
  { keys: "Enter on the output plot", action: "Draw a point at the cursor, or pick the training point nearest to it" },
  { keys: "← → in the step-through", action: "Previous or next stage; Escape leaves it" },
];

export class ShortcutOverlay {
  private dialog: HTMLDialogElement | null = null;
  private returnTo: HTMLElement | null = null;

  get isOpen(): boolean {
    return this.dialog?.open === true;
  }

  open(): void {
    if (this.isOpen) return;
    this.returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.dialog ??= this.build();
    this.dialog.showModal();
  }

  private build(): HTMLDialogElement {
    const rows = SHORTCUTS.flatMap(({ keys, action }) => [h("dt", {}, h("kbd", {}, keys)), h("dd", {}, action)]);
    const dialog = h(
      "dialog",
      { class: "shortcuts", "aria-labelledby": "shortcuts-title" },
      h("h2", { id: "shortcuts-title" }, "Keyboard shortcuts"),
      h("dl", {}, ...rows),
    );
    dialog.append(button("Close", () => dialog.close(), { class: "shortcuts-close" }));
    dialog.addEventListener("close", () => this.returnTo?.focus());
    document.body.append(dialog);
    return dialog;
  }
}
