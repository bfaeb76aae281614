// The session's files and recordings: "Export session" downloads the session as a file;
// "Import session" uploads one, which becomes a new session that this page then joins;
// "Curves (CSV)" downloads the server's record of the curves; "Picture (PNG)" and
// "Record video" save the view (see recording.ts).

import { button, h, uniqueId } from "./dom";
import { picture, Recorder, viewCanvases } from "./recording";

export interface SessionFileActions {
  export(): void;
  import(file: File): void;
  curves(): void;
  /** A recording could not be made (the browser's reason). */
  failed(error: unknown): void;
}

/** Save a blob under `filename` through the browser's download. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  h("a", { href: url, download: filename }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000); // the download reads it after the click
}

export class SessionFiles {
  private readonly exportButton: HTMLButtonElement;
  private readonly curvesButton: HTMLButtonElement;
  private readonly recordButton: HTMLButtonElement;
  private readonly recorder = new Recorder();

  constructor(container: HTMLElement, actions: SessionFileActions) {
    const fileId = uniqueId("session-file");
    this.exportButton = button("Export session", () => actions.export(), { title: "Download this session (settings, weights, optimizer state, points, curves) as a file" });
    this.curvesButton = button("Curves (CSV)", () => actions.curves(), { title: "Download the loss and accuracy curves as CSV" });
    const pictureButton = button("Picture (PNG)", () => picture(viewCanvases()).then((png) => download(png, "mindscope-view.png"), actions.failed), { title: "Save the plot and the curves as they are now" });
    this.recordButton = button("Record video", () => this.toggleRecording(actions), { title: "Record the plot and the curves as they change (WebM, at most a minute)" });
    const file = h("input", { type: "file", id: fileId, accept: ".mindscope,application/octet-stream", class: "visually-hidden" });
    file.addEventListener("change", () => {
      const chosen = file.files?.[0];
      if (chosen !== undefined) actions.import(chosen);
      file.value = ""; // choosing the same file again must import again
    });
    container.append(
      h("div", { class: "session-files" }, this.exportButton, h("label", { for: fileId, class: "file-button", title: "Open a session file as a new session" }, "Import session"), file),
      h("div", { class: "session-files recordings" }, pictureButton, this.recordButton, this.curvesButton),
    );
  }

  render(connected: boolean): void {
    this.exportButton.disabled = !connected;
    this.curvesButton.disabled = !connected;
  }

  private toggleRecording(actions: SessionFileActions): void {
    if (this.recorder.recording) {
      this.recorder.stop();
      return;
    }
    try {
      this.recorder.start(viewCanvases, (video) => {
        this.showRecording(false);
        download(video, "mindscope-training.webm");
      });
      this.showRecording(true);
    } catch (err) {
      actions.failed(err);
    }
  }

  private showRecording(on: boolean): void {
    this.recordButton.textContent = on ? "Stop recording" : "Record video";
  }
}
