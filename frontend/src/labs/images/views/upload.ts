// "Upload images (zip)": the user's own labelled images, one folder per class. The server
// checks every file; a refused zip's problems are listed here, each with its file, and
// nothing of it is used.

import { h, setText } from "../../../shell/views/dom";
import { uploadZip, type Upload } from "../datasets";

export class UploadControl {
  private readonly input = h("input", { type: "file", id: "images-upload", accept: ".zip,application/zip" });
  private readonly status = h("p", { class: "upload-status", id: "upload-status", role: "status" });
  private readonly problems = h("ul", { class: "upload-problems", id: "upload-problems", hidden: true });

  constructor(root: HTMLElement, taken: (upload: Upload) => void, send: typeof uploadZip = uploadZip) {
    this.input.addEventListener("change", () => {
      const zip = this.input.files?.[0];
      if (zip === undefined) return;
      this.input.value = ""; // the same file may be chosen again once fixed
      this.problems.hidden = true;
      setText(this.status, `Checking ${zip.name}…`);
      void send(zip).then((answer) => {
        if ("upload" in answer) {
          this.taken(answer.upload);
          taken(answer.upload);
        } else this.refused(zip.name, answer.problems);
      });
    });
    root.append(
      h("div", { class: "setting upload" }, h("label", { for: "images-upload" }, "Upload images (zip)"), this.input),
      h("p", { class: "dataset-note" }, "One folder per class, named after it, of PNG or JPEG images (2 to 10 classes, at most 2,000 images): made grayscale, 28 x 28."),
      this.status,
      this.problems,
    );
  }

  private taken(upload: Upload): void {
    const classes = upload.classes.map((name, c) => `${name} (${upload.counts[c] ?? 0})`).join(", ");
    const ignored = upload.ignored.length === 0 ? "" : ` Left out as system files: ${upload.ignored.join(", ")}.`;
    setText(this.status, `Taken: ${classes}.${ignored}`);
  }

  private refused(name: string, problems: readonly { file: string; reason: string }[]): void {
    setText(this.status, `${name} was not taken: ${problems.length} problem${problems.length === 1 ? "" : "s"}, nothing of it used.`);
    this.problems.replaceChildren(...problems.map((p) => h("li", {}, p.file === "" ? p.reason : `${p.file}: ${p.reason}`)));
    this.problems.hidden = false;
  }
}
