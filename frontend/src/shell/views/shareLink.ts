// "Share view link": the address of this page with ?view=… in place of ?session=…, for
// students to watch a session live without being able to change it. The link is shown
// (selected, to copy by hand) and copied where the browser allows it (the clipboard needs
// a secure page: https, or localhost).

import { button, h, uniqueId } from "./dom";

/** The view link for the page at `location`: same page, only the lab (when the address
 *  names one) and the view id in its query. */
export function viewLink(location: Pick<Location, "origin" | "pathname">, viewId: string, lab?: string): string {
  const labPart = lab === undefined ? "" : `lab=${encodeURIComponent(lab)}&`;
  return `${location.origin}${location.pathname}?${labPart}view=${encodeURIComponent(viewId)}`;
}

export class ShareLink {
  private readonly share: HTMLButtonElement;
  private readonly field: HTMLInputElement;
  private readonly fieldLabel: HTMLLabelElement;
  private link: string | null = null;

  constructor(container: HTMLElement) {
    this.field = h("input", { type: "text", readonly: true, class: "share-link", id: uniqueId("view-link"), hidden: true });
    this.fieldLabel = h("label", { for: this.field.id, hidden: true }, "View link");
    this.share = button("Share view link", () => void this.reveal(), { title: "A link to watch this session live, without control" });
    container.append(h("div", { class: "share" }, this.share, this.fieldLabel, this.field));
  }

  /** Offer `link`, or nothing (null: not known yet, or this page only watches). */
  render(link: string | null): void {
    this.link = link;
    this.share.hidden = link === null;
    if (link === null) this.field.hidden = this.fieldLabel.hidden = true;
    else if (this.field.value !== link) this.field.value = link;
  }

  private async reveal(): Promise<void> {
    if (this.link === null) return;
    this.field.hidden = this.fieldLabel.hidden = false;
    this.field.select();
    try {
      await navigator.clipboard.writeText(this.link);
      this.share.textContent = "Link copied";
    } catch {
      this.share.textContent = "Copy the link";
    }
  }
}
