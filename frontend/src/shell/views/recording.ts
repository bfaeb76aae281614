// A picture or a video of the view: the lab's main canvas (its largest picture: the 2D
// lab's output plot, ...) and the loss chart's, side by side on the page's background. The video is
// the browser's own MediaRecorder on that composition's captureStream(): WebM, no library.

import { themeColor } from "./chart";

const GAP = 16; // pixels around and between the canvases
/** A recording stops itself after this long: a short clip, not a film. */
export const MAX_RECORDING_MS = 60_000;
const VIDEO_TYPES = ["video/webm;codecs=vp9", "video/webm;codecs=vp8", "video/webm"];

const area = (c: HTMLCanvasElement): number => c.width * c.height;
const shown = (c: HTMLCanvasElement): boolean => c.width > 0 && c.height > 0 && c.getClientRects().length > 0;

/** The canvases the view is made of now: the lab's largest picture (a canvas with the
 *  role of an image, not one that takes input, like the diagram's links), then the loss
 *  chart's. */
export function viewCanvases(root: ParentNode = document): HTMLCanvasElement[] {
  const chart = root.querySelector<HTMLCanvasElement>("#loss-chart canvas");
  const lab = [...root.querySelectorAll<HTMLCanvasElement>('#lab canvas[role="img"]')].filter((c) => shown(c) && !c.closest("#loss-chart"));
  const main = lab.reduce<HTMLCanvasElement | null>((best, c) => (best === null || area(c) > area(best) ? c : best), null);
  return [main, chart].filter((c): c is HTMLCanvasElement => c !== null && shown(c));
}

/** The size of `canvases` side by side, with GAP around and between them. */
export function composedSize(canvases: readonly { width: number; height: number }[]): { width: number; height: number } {
  return {
    width: canvases.reduce((sum, c) => sum + c.width, 0) + GAP * (canvases.length + 1),
    height: Math.max(0, ...canvases.map((c) => c.height)) + 2 * GAP,
  };
}

/** Draw `canvases` side by side on `target` (sized for them unless `keepSize`). */
export function compose(canvases: readonly HTMLCanvasElement[], target: HTMLCanvasElement, keepSize = false): HTMLCanvasElement {
  if (!keepSize) Object.assign(target, composedSize(canvases));
  const context = target.getContext("2d");
  if (context === null) throw new Error("the browser gave no 2D canvas to draw the picture on");
  context.fillStyle = themeColor("--page", "#fff");
  context.fillRect(0, 0, target.width, target.height);
  let x = GAP;
  for (const canvas of canvases) {
    context.drawImage(canvas, x, GAP);
    x += canvas.width + GAP;
  }
  return target;
}

/** The view as a PNG. */
export function picture(canvases: readonly HTMLCanvasElement[]): Promise<Blob> {
  if (canvases.length === 0) return Promise.reject(new Error("There is nothing to picture yet: no plot is drawn"));
  const canvas = compose(canvases, document.createElement("canvas"));
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob === null ? reject(new Error("The browser could not encode the picture")) : resolve(blob)), "image/png"));
}

/** One recording at a time of the view as it changes, drawn on every animation frame. */
export class Recorder {
  /** Stops the recording under way (null: none): each recording's own frame loop and
   *  time limit, so a quick Stop then Record cannot end the new one's. */
  private stopper: (() => void) | null = null;

  get recording(): boolean {
    return this.stopper !== null;
  }

  /** Start recording what `sources` gives each frame; `done` gets the WebM once stopped
   *  (by stop(), or after MAX_RECORDING_MS). Throws if the browser cannot record WebM. */
  start(sources: () => HTMLCanvasElement[], done: (video: Blob) => void): void {
    const type = typeof MediaRecorder === "undefined" ? undefined : VIDEO_TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    if (type === undefined) throw new Error("This browser cannot record video (its MediaRecorder has no WebM)");
    const first = sources();
    if (first.length === 0) throw new Error("There is nothing to record yet: no plot is drawn");
    // The video keeps the first frame's size: a stream cannot change it midway.
    const canvas = compose(first, document.createElement("canvas"));
    const chunks: Blob[] = [];
    const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: type });
    let frame = 0;
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.onstop = () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      done(new Blob(chunks, { type: "video/webm" }));
    };
    const draw = (): void => {
      compose(sources(), canvas, true);
      frame = requestAnimationFrame(draw);
    };
    draw();
    recorder.start(1000); // a chunk a second, so a long clip is not held in one piece
    const stopper = (): void => {
      if (this.stopper === stopper) this.stopper = null;
      if (recorder.state !== "inactive") recorder.stop();
    };
    const timer = window.setTimeout(stopper, MAX_RECORDING_MS);
    this.stopper = stopper;
  }

  stop(): void {
    this.stopper?.();
  }
}
