import { describe, expect, it } from "vitest";

import { LESSONS } from "../../../../frontend/src/labs/points/lessons";
import { POINTS_SECTIONS, POINTS_SETTINGS } from "../../../../frontend/src/labs/points/settings";
import { findLesson, LESSON_SPEED, lessonValues, neighbour } from "../../../../frontend/src/shell/lessons";
import { SettingsTable } from "../../../../frontend/src/shell/settings";

const table = new SettingsTable(POINTS_SETTINGS, POINTS_SECTIONS);
const lesson = (id: string) => findLesson(LESSONS, id)!;

describe("the 2D lab's lessons", () => {
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
      expect(table.readUrl(`lesson=${lesson.id}`).lesson).toBe(lesson.id);
    }
  });

  it("have presets that the page's own URL parser reads without a complaint", () => {
    for (const lesson of LESSONS) {
      const parsed = table.readUrl(lesson.preset);
      expect(parsed.invalid, lesson.id).toEqual([]);
      // Only settings: no session, hidden parts or presentation mode in a preset.
      const keys = [...new URLSearchParams(lesson.preset).keys()];
      expect(keys.length, lesson.id).toBeGreaterThan(0);
      for (const key of keys) expect(table.byKey.has(key), `${lesson.id}: ${key}`).toBe(true);
      expect(parsed.given.size, lesson.id).toBe(keys.length);
    }
  });

  it("wait at a speed where each step can be watched, with the part they talk about named", () => {
    for (const lesson of LESSONS) {
      const speed = lessonValues(table, lesson).values.get("steps_per_second") as number;
      // Overfitting's gap opens over thousands of steps; the others show each step.
      expect(speed, lesson.id).toBeLessThanOrEqual(lesson.id === "overfitting" ? 300 : LESSON_SPEED);
      expect(["network", "curves", "inside", "data"], lesson.id).toContain(lesson.focus);
    }
  });

  it("set every setting: the preset's value, or the default", () => {
    const { values, invalid } = lessonValues(table, lesson("learning-rate"));
    expect(invalid).toEqual([]);
    expect(values.get("learning_rate")).toBe(3);
    expect(values.get("dataset")).toBe("circle");
    expect(values.get("hidden")).toEqual(table.byKey.get("hidden")!.default);
    expect(values.size).toBe(table.byKey.size);
  });

  it("show what each idea needs", () => {
    const values = (id: string) => lessonValues(table, lesson(id)).values;
    expect(values("neuron").get("hidden")).toEqual([]); // one neuron
    expect(values("non-linearity").get("activations")).toEqual(["linear"]);
    expect(lesson("backprop").stepThrough).toBe(true);
    const deep = values("vanishing-gradients");
    expect((deep.get("hidden") as number[]).length).toBeGreaterThanOrEqual(5);
    expect(deep.get("activations")).toEqual(["sigmoid"]);
    const overfit = values("overfitting");
    expect(overfit.get("show_test")).toBe(true);
    expect(overfit.get("train_share")).toBeLessThanOrEqual(0.2);
    expect(overfit.get("noise")).toBeGreaterThanOrEqual(0.3);
  });

  it("are stepped through in order, stopping at either end", () => {
    expect(neighbour(LESSONS, LESSONS[0]!, 1)).toBe(LESSONS[1]);
    expect(neighbour(LESSONS, LESSONS[0]!, -1)).toBeNull();
    expect(neighbour(LESSONS, LESSONS.at(-1)!, 1)).toBeNull();
    expect(findLesson(LESSONS, "nope")).toBeUndefined();
  });
});
