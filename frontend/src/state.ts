// The app's state, fed by server messages and read by the views when they redraw.
// Nothing here touches the DOM, so all of it can be tested without a browser.

import { getArray, type DecodedData, type DecodedFrame } from "./protocol/codec";
import type { FrameHeader, SessionConfig } from "./protocol/messages";
import type { Grid, Points } from "./views/heatmap";

/**
 * Step, training loss and test loss, one entry per frame, never more than `capacity`
 * entries: when full, every other entry is dropped and from then on only every other
 * frame is kept, so the whole run stays visible at an even density while drawing
 * cost stays flat. The newest frame is always shown, held provisionally at the end
 * until its turn to be kept comes round.
 */
export class LossHistory {
  readonly steps: number[] = [];
  readonly train: (number | null)[] = [];
  readonly test: (number | null)[] = [];
  /** Bumped on every change, so a chart can tell whether it must redraw. */
  version = 0;
  /** Only arrivals 0, stride, 2 * stride, ... are kept for good. */
  private stride = 1;
  private arrivals = 0;
  /** Whether the last entry is the newest arrival, shown but not kept for good. */
  private provisional = false;

  constructor(readonly capacity = 2000) {
    if (capacity < 4) throw new Error("capacity must be at least 4");
  }

  get length(): number {
    return this.steps.length;
  }

  append(step: number, train: number, test: number): void {
    const last = this.steps.at(-1);
    if (last !== undefined && step < last) this.clear(); // a reset: start a new curve
    // Non-finite losses become gaps rather than spikes to infinity.
    const entry: Entry = [step, Number.isFinite(train) ? train : null, Number.isFinite(test) ? test : null];
    if (step === last) {
      // The same step again (e.g. a frame after a config change): the loss may differ.
      this.pop();
      this.push(entry);
    } else {
      if (this.provisional) this.pop();
      this.push(entry);
      this.provisional = this.arrivals++ % this.stride !== 0;
      if (this.length > this.capacity) this.thin();
    }
    this.version++;
  }

  clear(): void {
    this.steps.length = this.train.length = this.test.length = 0;
    this.stride = 1;
    this.arrivals = 0;
    this.provisional = false;
    this.version++;
  }

  /** Keep every other kept entry and double the stride; the newest entry always stays. */
  private thin(): void {
    let tip = this.provisional ? this.pop() : null;
    // Kept entries are arrivals 0, s, ..., k*s. With k odd the newest of them would be
    // dropped; if it is also the newest arrival, it stays on as the provisional tip.
    if (tip === null && this.length % 2 === 0) tip = this.pop();
    for (const series of [this.steps, this.train, this.test] as (number | null)[][]) {
      let kept = 0;
      for (let i = 0; i < series.length; i += 2) series[kept++] = series[i]!;
      series.length = kept;
    }
    this.stride *= 2;
    this.provisional = tip !== null;
    if (tip !== null) this.push(tip);
  }

  private push([step, train, test]: Entry): void {
    this.steps.push(step);
    this.train.push(train);
    this.test.push(test);
  }

  private pop(): Entry {
    return [this.steps.pop()!, this.train.pop() ?? null, this.test.pop() ?? null];
  }
}

type Entry = [step: number, train: number | null, test: number | null];

/** The latest frame as the views need it. */
export interface FrameView {
  header: FrameHeader;
  grid: Grid | null;
}

export function frameView(frame: DecodedFrame): FrameView {
  const output = getArray(frame, "output", "uint8");
  const shape = output?.spec.shape;
  const grid: Grid | null =
    output === undefined || shape?.length !== 2
      ? null
      : {
          values: output.values,
          rows: shape[0]!,
          cols: shape[1]!,
          low: output.spec.low ?? 0,
          high: output.spec.high ?? 1,
        };
  return { header: frame.header, grid };
}

export interface PointSets {
  train: Points | null;
  test: Points | null;
}

export function dataView(data: DecodedData): PointSets {
  const points = (x: string, y: string): Points | null => {
    const xy = getArray(data, x, "float32")?.values;
    const labels = getArray(data, y, "float32")?.values;
    return xy === undefined || labels === undefined ? null : { xy, labels };
  };
  return { train: points("x_train", "y_train"), test: points("x_test", "y_test") };
}

export class AppState {
  sessionId: string | null = null;
  config: SessionConfig | null = null;
  configVersion = 0;
  playing = false;
  frame: FrameView | null = null;
  data: PointSets | null = null;
  readonly history: LossHistory;
  /** Whether a `state` message arrived since the last frame (see applyFrame). */
  private stateSinceFrame = false;

  constructor(historyCapacity?: number) {
    this.history = new LossHistory(historyCapacity);
  }

  applyHello(sessionId: string): void {
    if (sessionId !== this.sessionId) {
      // A new session (the old one expired while we were away): nothing carries over.
      this.sessionId = sessionId;
      this.frame = null;
      this.data = null;
      this.configVersion = 0;
      this.history.clear();
    }
  }

  applyState(config: SessionConfig, configVersion: number, playing: boolean): void {
    this.config = config;
    this.configVersion = configVersion;
    this.playing = playing;
    this.stateSinceFrame = true;
  }

  /**
   * A frame's `playing` is trusted only if no `state` came since the previous frame:
   * the server may already have encoded one more frame when it handles a pause, and
   * that frame arrives after the `state` reply; believing it would show "Pause" on a
   * paused session with no later frame to correct it.
   */
  applyFrame(frame: DecodedFrame): void {
    const view = frameView(frame);
    if (!this.stateSinceFrame) this.playing = view.header.playing;
    this.stateSinceFrame = false;
    this.frame = view;
    this.history.append(view.header.step, view.header.train_loss, view.header.test_loss);
  }

  applyData(data: DecodedData): void {
    this.data = dataView(data);
  }
}
