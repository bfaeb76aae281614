import { describe, expect, it } from "vitest";

import { AppState, CurveHistory, RateMeter } from "../../../frontend/src/shell/state";
import type { DecodedFrame, DecodedHistory } from "../../../frontend/src/protocol/codec";
import type { State } from "../../../frontend/src/protocol/messages";

describe("CurveHistory", () => {
  it("records one point per frame", () => {
    const history = new CurveHistory(10);
    history.append(1, { train_loss: 0.5, test_loss: 0.6 });
    history.append(2, { train_loss: 0.4, test_loss: 0.55 });
    expect(history.steps).toEqual([1, 2]);
    expect(history.series.train_loss).toEqual([0.5, 0.4]);
    expect(history.series.test_loss).toEqual([0.6, 0.55]);
  });

  it("never holds more than its capacity, keeps the first and newest points, and stays even", () => {
    const history = new CurveHistory(100);
    for (let step = 1; step <= 10_000; step++) {
      history.append(step, { train_loss: 1 / step, test_loss: 2 / step });
      expect(history.length).toBeLessThanOrEqual(100);
      expect(history.steps[0]).toBe(1);
      expect(history.steps.at(-1)).toBe(step);
    }
    expect(history.length).toBeGreaterThan(50);
    expect(history.series.train_loss.at(-1)).toBe(1 / 10_000);
    // Steps increase, and apart from the newest tip the spacing is constant.
    const gaps = history.steps.slice(1, -1).map((s, i) => s - history.steps[i]!);
    expect(new Set(gaps).size).toBe(1);
    expect(history.steps.every((s, i) => i === 0 || s > history.steps[i - 1]!)).toBe(true);
    // The three series stay aligned.
    history.steps.forEach((s, i) => expect(history.series.test_loss[i]).toBe(2 / s));
  });

  it("starts over when the step goes back (a reset)", () => {
    const history = new CurveHistory(10);
    history.append(5, { train_loss: 0.5, test_loss: 0.5 });
    history.append(6, { train_loss: 0.4, test_loss: 0.4 });
    history.append(0, { train_loss: 0.7, test_loss: 0.7 });
    expect(history.steps).toEqual([0]);
  });

  it("replaces a repeated step and turns non-finite losses into gaps", () => {
    const history = new CurveHistory(10);
    history.append(3, { train_loss: 0.5, test_loss: 0.5 });
    history.append(3, { train_loss: 0.2, test_loss: Number.NaN });
    expect(history.steps).toEqual([3]);
    expect(history.series.train_loss).toEqual([0.2]);
    expect(history.series.test_loss).toEqual([null]);
  });

  it("bumps its version on every change", () => {
    const history = new CurveHistory(10);
    const before = history.version;
    history.append(1, { train_loss: 1, test_loss: 1 });
    expect(history.version).toBeGreaterThan(before);
  });
});


function frame(step: number, playing: boolean, revision = 0): DecodedFrame {
  const header = {
    kind: "frame" as const, step, epoch: 0, train_loss: 0.5, test_loss: 0.5, train_accuracy: 0.9,
    test_accuracy: 0.8, learning_rate: 0.03, updates_per_s: 0, layer_sizes: [2, 1], revision,
    data_version: 1, playing,
  };
  return { kind: "frame", header, arrays: new Map() };
}

/** A lab that reads nothing of its own: the shell's part of the state alone. */
const NO_LAB = { readFrame: () => ({}), readData: () => null };

const stateMessage = (revision: number, playing: boolean): State => ({
  type: "state", config: {}, revision, playing, problem: "binary", classes: 2,
});

describe("AppState", () => {
  it("ignores a stale frame's playing flag that arrives just after a state reply", () => {
    const state = new AppState(NO_LAB);
    state.applyFrame(frame(1, true));
    expect(state.playing).toBe(true);
    state.applyState(stateMessage(1, false), 0); // the reply to "pause"
    state.applyFrame(frame(2, true)); // encoded before the pause was handled
    expect(state.playing).toBe(false);
    state.applyFrame(frame(3, true)); // a later frame is believed again
    expect(state.playing).toBe(true);
  });

  it("starts afresh when the server hands over a new session, not when it resumes one", () => {
    const state = new AppState(NO_LAB);
    state.applyHello("a");
    state.applyFrame(frame(10, true));
    state.applyHello("a"); // resumed after a reconnect
    expect(state.history.steps).toEqual([10]);
    state.applyHello("b"); // the old session expired
    expect(state.history.length).toBe(0);
    expect(state.frame).toBeNull();
  });

  it("records accuracy beside the losses", () => {
    const state = new AppState(NO_LAB);
    state.applyFrame(frame(1, true));
    expect(state.history.series.train_accuracy).toEqual([0.9]);
    expect(state.history.series.test_accuracy).toEqual([0.8]);
  });

  it("says it is compiling only once the frames have lagged the session for a while", () => {
    const state = new AppState(NO_LAB);
    state.applyFrame(frame(1, true, 3));
    state.applyState(stateMessage(4, true), 1000); // a change the frames do not reflect yet
    expect(state.compiling(1100)).toBe(false);
    expect(state.compiling(1200)).toBe(true);
    state.applyFrame(frame(2, true, 3)); // still the old network
    expect(state.compiling(1300)).toBe(true);
    state.applyFrame(frame(3, true, 4)); // caught up
    expect(state.compiling(1400)).toBe(false);
  });

  it("replaces the curves with the server's history", () => {
    const state = new AppState(NO_LAB);
    state.applyFrame(frame(50, true));
    const column = (values: number[]) => ({ spec: { name: "", dtype: "float32" as const, shape: [values.length], offset: 0 }, values: new Float32Array(values) });
    const history: DecodedHistory = {
      kind: "history",
      header: { kind: "history" },
      arrays: new Map([
        ["step", column([0, 10, 20])],
        ["train_loss", column([1, 0.5, 0.25])],
        ["test_loss", column([1, 0.6, Number.NaN])],
      ]),
    };
    state.applyBinary(history, 0);
    expect(state.history.steps).toEqual([0, 10, 20]);
    expect(state.history.series.test_loss).toEqual([1, expect.closeTo(0.6), null]);
    state.applyFrame(frame(30, true));
    expect(state.history.steps).toEqual([0, 10, 20, 30]);
  });

  it("keeps the last run's losses when the server starts a new run, and only then", () => {
    const state = new AppState(NO_LAB);
    for (const step of [10, 20, 30]) state.applyFrame(frame(step, true));
    const empty: DecodedHistory = { kind: "history", header: { kind: "history" }, arrays: new Map() };
    state.applyBinary(empty, 0); // a reset
    expect(state.previousRun).toBeNull();
    for (const step of [10, 20, 30]) state.applyFrame(frame(step, true));
    state.applyBinary({ ...empty, header: { kind: "history", new_run: "New run: the data changed" } }, 0);
    expect(state.previousRun?.steps).toEqual([10, 20, 30]);
    expect(state.previousRun?.trainLoss).toHaveLength(3);
    expect(state.history.length).toBe(0);
    state.applyHello("another"); // another session: nothing carries over
    expect(state.previousRun).toBeNull();
  });
});

describe("RateMeter", () => {
  it("measures steps per second over about the last second, and 0 when paused", () => {
    const meter = new RateMeter();
    for (let t = 0; t <= 3000; t += 100) meter.add(t, t / 100, true); // 10 steps a second
    expect(meter.rate).toBeCloseTo(10, 5);
    meter.add(3100, 31, false);
    expect(meter.rate).toBe(0);
  });
});
