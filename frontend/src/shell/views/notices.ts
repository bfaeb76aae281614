// Server errors shown to the user: each in its own role="alert" box (so screen readers
// announce it) with a Dismiss button. A repeated message bumps a count instead of
// stacking, and only the few newest stay, so a flood cannot bury the page.

const MAX_NOTICES = 3;

export class Notices {
  constructor(private readonly container: HTMLElement) {}

  show(message: string): void {
    for (const existing of this.container.querySelectorAll<HTMLElement>(".notice")) {
      if (existing.dataset["message"] === message) {
        const count = Number(existing.dataset["count"] ?? "1") + 1;
        existing.dataset["count"] = String(count);
        const text = existing.querySelector(".notice-text");
        if (text !== null) text.textContent = `${message} (${count}×)`;
        return;
      }
    }
    const notice = document.createElement("div");
    notice.className = "notice";
    notice.setAttribute("role", "alert");
    notice.dataset["message"] = message;
    const text = document.createElement("span");
    text.className = "notice-text";
    text.textContent = message;
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.textContent = "Dismiss";
    dismiss.addEventListener("click", () => notice.remove());
    notice.append(text, dismiss);
    this.container.append(notice);
    while (this.container.children.length > MAX_NOTICES) this.container.firstElementChild?.remove();
  }

  clear(): void {
    this.container.replaceChildren();
  }
}
