import { describe, expect, it } from "vitest";

import { AppState, LossHistory } from "../../frontend/src/state";
import type { DecodedFrame } from "../../frontend/src/protocol/codec";

describe("LossHistory", () => {
  it("records one point per frame", () => {
    const history = new LossHistory(10);
    history.append(1, 0.5, 0.6);
    history.append(2, 0.4, 0.55);
    expect(history.steps).toEqual([1, 2]);
    expect(history.train).toEqual([0.5, 0.4]);
    expect(history.test).toEqual([0.6, 0.55]);
  });

  it("never holds more than its capacity, keeps the first and newest points, and stays even", () => {
    const history = new LossHistory(100);
    for (let step = 1; step <= 10_000; step++) {
      history.append(step, 1 / step, 2 / step);
      expect(history.length).toBeLessThanOrEqual(100);
      expect(history.steps[0]).toBe(1);
      expect(history.steps.at(-1)).toBe(step);
    }
    expect(history.length).toBeGreaterThan(50);
    expect(history.train.at(-1)).toBe(1 / 10_000);
    // Steps increase, and apart from the newest tip the spacing is constant.
    const gaps = history.steps.slice(1, -1).map((s, i) => s - history.steps[i]!);
    expect(new Set(gaps).size).toBe(1);
    expect(history.steps.every((s, i) => i === 0 || s > history.steps[i - 1]!)).toBe(true);
    // The three series stay aligned.
    history.steps.forEach((s, i) => expect(history.test[i]).toBe(2 / s));
  });

  it("starts over when the step goes back (a reset)", () => {
    const history = new LossHistory(10);
    history.append(5, 0.5, 0.5);
    history.append(6, 0.4, 0.4);
    history.append(0, 0.7, 0.7);
    expect(history.steps).toEqual([0]);
  });

  it("replaces a repeated step and turns non-finite losses into gaps", () => {
    const history = new LossHistory(10);
    history.append(3, 0.5, 0.5);
    history.append(3, 0.2, Number.NaN);
    expect(history.steps).toEqual([3]);
    expect(history.train).toEqual([0.2]);
    expect(history.test).toEqual([null]);
  });

  it("bumps its version on every change", () => {
    const history = new LossHistory(10);
    const before = history.version;
    history.append(1, 1, 1);
    expect(history.version).toBeGreaterThan(before);
  });
});

function frame(step: number, playing: boolean): DecodedFrame {
  const header = {
    kind: "frame" as const, step, epoch: 0, train_loss: 0.5, test_loss: 0.5, train_accuracy: null,
    test_accuracy: null, learning_rate: 0.03, updates_per_s: 0, layer_sizes: [2, 1], revision: 0,
    data_version: 1, playing,
  };
  return { kind: "frame", header, arrays: new Map() };
}

describe("AppState", () => {
  it("ignores a stale frame's playing flag that arrives just after a state reply", () => {
    const state = new AppState();
    state.applyFrame(frame(1, true));
    expect(state.playing).toBe(true);
    state.applyState({}, 1, false); // the reply to "pause"
    state.applyFrame(frame(2, true)); // encoded before the pause was handled
    expect(state.playing).toBe(false);
    state.applyFrame(frame(3, true)); // a later frame is believed again
    expect(state.playing).toBe(true);
  });

  it("starts afresh when the server hands over a new session, not when it resumes one", () => {
    const state = new AppState();
    state.applyHello("a");
    state.applyFrame(frame(10, true));
    state.applyHello("a"); // resumed after a reconnect
    expect(state.history.steps).toEqual([10]);
    state.applyHello("b"); // the old session expired
    expect(state.history.length).toBe(0);
    expect(state.frame).toBeNull();
  });

  it("exposes the output grid with its range", () => {
    const state = new AppState();
    const values = new Uint8Array([0, 255, 128, 64]);
    state.applyFrame({
      ...frame(1, true),
      arrays: new Map([["output", { spec: { name: "output", dtype: "uint8", shape: [2, 2], offset: 0, low: -1, high: 1 }, values }]]),
    });
    expect(state.frame?.grid).toEqual({ values, rows: 2, cols: 2, low: -1, high: 1 });
  });
});
