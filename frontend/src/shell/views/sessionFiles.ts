// "Export session" downloads the session as a file; "Import session" uploads one, which
// becomes a new session that this page then joins.

import { button, h, uniqueId } from "./dom";

export interface SessionFileActions {
  export(): void;
  import(file: File): void;
}

/** Save a blob under `filename` through the browser's download. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  h("a", { href: url, download: filename }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000); // the download reads it after the click
}

export class SessionFiles {
  private readonly exportButton: HTMLButtonElement;

  constructor(container: HTMLElement, actions: SessionFileActions) {
    const fileId = uniqueId("session-file");
    this.exportButton = button("Export session", () => actions.export(), { title: "Download this session (settings, weights, optimizer state, points, curves) as a file" });
    const file = h("input", { type: "file", id: fileId, accept: ".mindscope,application/octet-stream", class: "visually-hidden" });
    file.addEventListener("change", () => {
      const chosen = file.files?.[0];
      if (chosen !== undefined) actions.import(chosen);
      file.value = ""; // choosing the same file again must import again
    });
    container.append(h("div", { class: "session-files" }, this.exportButton, h("label", { for: fileId, class: "file-button", title: "Open a session file as a new session" }, "Import session"), file));
  }

  render(connected: boolean): void {
    this.exportButton.disabled = !connected;
  }
}
