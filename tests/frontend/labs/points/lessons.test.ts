import { describe, expect, it } from "vitest";

import { findLesson, lessonValues, LESSONS, neighbour } from "../../../../frontend/src/labs/points/lessons";
import { readUrl, SETTING } from "../../../../frontend/src/shell/settings";

describe("the lessons", () => {
  it("follow the curriculum, each with a unique address name", () => {
    expect(LESSONS.map((l) => l.id)).toEqual([
      "neuron",
      "non-linearity",
      "depth",
      "learning-rate",
      "backprop",
      "vanishing-gradients",
      "overfitting",
      "optimizers",
    ]);
    for (const lesson of LESSONS) {
      expect(lesson.id).toMatch(/^[a-z-]+$/);
      expect(lesson.tryThis.length).toBeGreaterThan(0);
      expect(lesson.notice.length).toBeGreaterThan(0);
      expect(readUrl(`lesson=${lesson.id}`).lesson).toBe(lesson.id);
    }
  });

  it("have presets that the page's own URL parser reads without a complaint", () => {
    for (const lesson of LESSONS) {
      const parsed = readUrl(lesson.preset);
      expect(parsed.invalid, lesson.id).toEqual([]);
      // Only settings: no session, hidden parts or presentation mode in a preset.
      const keys = [...new URLSearchParams(lesson.preset).keys()];
      expect(keys.length, lesson.id).toBeGreaterThan(0);
      for (const key of keys) expect(SETTING.has(key), `${lesson.id}: ${key}`).toBe(true);
      expect(parsed.given.size, lesson.id).toBe(keys.length);
    }
  });

  it("set every setting: the preset's value, or the default", () => {
    const { values, invalid } = lessonValues(findLesson("learning-rate")!);
    expect(invalid).toEqual([]);
    expect(values.get("learning_rate")).toBe(3);
    expect(values.get("dataset")).toBe("circle");
    expect(values.get("hidden")).toEqual(SETTING.get("hidden")!.default);
    expect(values.size).toBe(SETTING.size);
  });

  it("show what each idea needs", () => {
    const values = (id: string) => lessonValues(findLesson(id)!).values;
    expect(values("neuron").get("hidden")).toEqual([]); // one neuron
    expect(values("non-linearity").get("activations")).toEqual(["linear"]);
    expect(findLesson("backprop")!.stepThrough).toBe(true);
    const deep = values("vanishing-gradients");
    expect((deep.get("hidden") as number[]).length).toBeGreaterThanOrEqual(5);
    expect(deep.get("activations")).toEqual(["sigmoid"]);
    const overfit = values("overfitting");
    expect(overfit.get("show_test")).toBe(true);
    expect(overfit.get("train_share")).toBeLessThanOrEqual(0.2);
    expect(overfit.get("noise")).toBeGreaterThanOrEqual(0.3);
  });

  it("are stepped through in order, stopping at either end", () => {
    expect(neighbour(LESSONS[0]!, 1)).toBe(LESSONS[1]);
    expect(neighbour(LESSONS[0]!, -1)).toBeNull();
    expect(neighbour(LESSONS.at(-1)!, 1)).toBeNull();
    expect(findLesson("nope")).toBeUndefined();
  });
});
