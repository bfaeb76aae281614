// The app's state, fed by server messages and read by the views when they redraw.
// Nothing here touches the DOM, so all of it can be tested without a browser.

import { getArray, type DecodedBinary, type DecodedData, type DecodedFrame, type DecodedHistory } from "./protocol/codec";
import type { FrameHeader, State } from "./protocol/messages";
import type { Config, Problem } from "./settings";

export const CURVES = ["train_loss", "test_loss", "train_accuracy", "test_accuracy"] as const;
export type Curve = (typeof CURVES)[number];

/**
 * The curves, one entry per frame, never more than `capacity` entries: when full, every
 * other entry is dropped and from then on only every other frame is kept, so the whole
 * run stays visible at an even density while drawing cost stays flat. The newest frame
 * is always shown, held provisionally at the end until its turn to be kept comes round.
 */
export class CurveHistory {
  readonly steps: number[] = [];
  readonly series: Record<Curve, (number | null)[]> = { train_loss: [], test_loss: [], train_accuracy: [], test_accuracy: [] };
  /** Bumped on every change, so a chart can tell whether it must redraw. */
  version = 0;
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

  append(step: number, values: Partial<Record<Curve, number | null>>): void {
    const last = this.steps.at(-1);
    if (last !== undefined && step < last) this.clear(); // a reset: start a new curve
    const entry = this.entry(step, values);
    if (step === last) {
      // The same step again (e.g. a frame after a config change): the values may differ.
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

  /** Replace everything with the server's record (on connecting and after a reset). */
  replace(steps: ArrayLike<number>, columns: Partial<Record<Curve, ArrayLike<number>>>): void {
    this.clear();
    for (let i = 0; i < steps.length; i++) {
      const values: Partial<Record<Curve, number>> = {};
      for (const curve of CURVES) {
        const column = columns[curve];
        if (column !== undefined) values[curve] = column[i]!;
      }
      this.push(this.entry(steps[i]!, values));
    }
    this.arrivals = this.length;
    while (this.length > this.capacity) this.thin();
    this.version++;
  }

  clear(): void {
    this.steps.length = 0;
    for (const curve of CURVES) this.series[curve].length = 0;
    this.stride = 1;
    this.arrivals = 0;
    this.provisional = false;
    this.version++;
  }

  /** Non-finite values become gaps rather than spikes to infinity. */
  private entry(step: number, values: Partial<Record<Curve, number | null>>): Entry {
    return [step, CURVES.map((c) => {
      const v = values[c];
      return typeof v === "number" && Number.isFinite(v) ? v : null;
    })];
  }

  /** Keep every other kept entry and double the stride; the newest entry always stays. */
  private thin(): void {
    let tip = this.provisional ? this.pop() : null;
    // Kept entries are arrivals 0, s, ..., k*s. With k odd the newest of them would be
    // dropped; if it is also the newest arrival, it stays on as the provisional tip.
    if (tip === null && this.length % 2 === 0) tip = this.pop();
    for (const column of [this.steps, ...CURVES.map((c) => this.series[c])] as (number | null)[][]) {
      let kept = 0;
      for (let i = 0; i < column.length; i += 2) column[kept++] = column[i]!;
      column.length = kept;
    }
    this.stride *= 2;
    this.provisional = tip !== null;
    if (tip !== null) this.push(tip);
  }

  private push([step, values]: Entry): void {
    this.steps.push(step);
    CURVES.forEach((c, i) => this.series[c].push(values[i]!));
  }

  private pop(): Entry {
    return [this.steps.pop()!, CURVES.map((c) => this.series[c].pop() ?? null)];
  }
}

type Entry = [step: number, values: (number | null)[]];

/** A quantized map, or a stack of them: row 0 is the top of the plane (x2 = +6). */
export interface Maps {
  levels: Uint8Array;
  size: number;
}

/** The latest frame's arrays as the views need them (views into the received buffer). */
export interface FrameView {
  header: FrameHeader;
  output: (Maps & { low: number; high: number }) | null;
  classes: Uint8Array | null;
  /** One map per input feature, then per hidden neuron in layer order. */
  neurons: Maps | null;
  weights: Float32Array | null;
  biases: Float32Array | null;
  weightGrads: Float32Array | null;
  biasGrads: Float32Array | null;
}

export function frameView(frame: DecodedFrame): FrameView {
  const output = getArray(frame, "output", "uint8");
  const neurons = getArray(frame, "neurons", "uint8");
  const float = (name: string): Float32Array | null => getArray(frame, name, "float32")?.values ?? null;
  return {
    header: frame.header,
    output:
      output === undefined
        ? null
        : { levels: output.values, size: output.spec.shape[0] ?? 0, low: output.spec.low ?? -1, high: output.spec.high ?? 1 },
    classes: getArray(frame, "classes", "uint8")?.values ?? null,
    neurons: neurons === undefined ? null : { levels: neurons.values, size: neurons.spec.shape[1] ?? 0 },
    weights: float("weights"),
    biases: float("biases"),
    weightGrads: float("weight_grads"),
    biasGrads: float("bias_grads"),
  };
}

export interface Points {
  /** x1, x2 pairs. */
  xy: Float32Array;
  /** One label per point: +1/-1, class index or value. */
  labels: Float32Array;
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

function historyColumns(history: DecodedHistory): [ArrayLike<number>, Partial<Record<Curve, ArrayLike<number>>>] {
  const column = (name: string): Float32Array | undefined => getArray(history, name, "float32")?.values;
  const columns: Partial<Record<Curve, ArrayLike<number>>> = {};
  for (const curve of CURVES) {
    const values = column(curve);
    if (values !== undefined) columns[curve] = values;
  }
  return [column("step") ?? [], columns];
}

/**
 * Optimizer steps per second actually achieved, from the frames' step counters over
 * about the last second. (The header's updates_per_s is the server's compute rate while
 * it works, which at a slow chosen speed is far above the real pace.)
 */
export class RateMeter {
  private readonly samples: [time: number, step: number][] = [];
  rate = 0;

  /** A frame's time and step; `running` is false while the session is paused. */
  add(time: number, step: number, running: boolean): void {
    const last = this.samples.at(-1);
    if (!running || (last !== undefined && step < last[1])) this.samples.length = 0; // paused, or a reset
    this.samples.push([time, step]);
    while (this.samples.length > 2 && time - this.samples[1]![0] >= 1000) this.samples.shift();
    const [t0, s0] = this.samples[0]!;
    this.rate = time > t0 ? ((step - s0) * 1000) / (time - t0) : 0;
  }
}

/** How long a change may take before the page says it is compiling. */
export const COMPILING_AFTER_MS = 150;

export class AppState {
  sessionId: string | null = null;
  config: Config | null = null;
  revision = 0;
  playing = false;
  problem: Problem = "binary";
  classes = 2;
  frame: FrameView | null = null;
  data: PointSets | null = null;
  readonly history: CurveHistory;
  readonly speed = new RateMeter();
  /** When the session's revision first ran ahead of the frames, or null when they agree. */
  behindSince: number | null = null;
  /** Whether a `state` message arrived since the last frame (see applyFrame). */
  private stateSinceFrame = false;

  constructor(historyCapacity?: number) {
    this.history = new CurveHistory(historyCapacity);
  }

  applyHello(sessionId: string): void {
    if (sessionId !== this.sessionId) {
      // A new session (the old one expired while we were away): nothing carries over.
      this.sessionId = sessionId;
      this.frame = null;
      this.data = null;
      this.revision = 0;
      this.behindSince = null;
      this.history.clear();
    }
  }

  applyState(message: State, now: number): void {
    this.config = message.config as Config;
    this.revision = message.revision;
    this.playing = message.playing;
    this.problem = message.problem;
    this.classes = message.classes;
    this.stateSinceFrame = true;
    if (this.frame !== null && this.frame.header.revision < message.revision) this.behindSince ??= now;
  }

  /**
   * A frame's `playing` is trusted only if no `state` came since the previous frame:
   * the server may already have encoded one more frame when it handles a pause, and
   * that frame arrives after the `state` reply; believing it would show "Pause" on a
   * paused session with no later frame to correct it.
   */
  applyFrame(frame: DecodedFrame, now = 0): void {
    const view = frameView(frame);
    const h = view.header;
    if (!this.stateSinceFrame) this.playing = h.playing;
    this.stateSinceFrame = false;
    this.frame = view;
    if (h.revision >= this.revision) this.behindSince = null;
    this.history.append(h.step, h);
    this.speed.add(now, h.step, h.playing);
  }

  applyBinary(message: DecodedBinary, now: number): void {
    if (message.kind === "frame") this.applyFrame(message, now);
    else if (message.kind === "data") this.data = dataView(message);
    else this.history.replace(...historyColumns(message));
  }

  /** Whether a change has been waiting for a frame long enough to say so. */
  compiling(now: number): boolean {
    return this.behindSince !== null && now - this.behindSince > COMPILING_AFTER_MS;
  }
}
