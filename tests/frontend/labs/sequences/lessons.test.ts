import { describe, expect, it } from "vitest";

import { LESSONS } from "../../../../frontend/src/labs/sequences/lessons";
import { FIELDS, GOALS, SEQUENCES_SECTIONS, SEQUENCES_SETTINGS } from "../../../../frontend/src/labs/sequences/settings";
import { LAB_CONFIGS, LAB_PRESETS } from "../../../../frontend/src/protocol/constants";
import { lessonValues } from "../../../../frontend/src/shell/lessons";
import { SettingsTable, type Value } from "../../../../frontend/src/shell/settings";

const table = new SettingsTable(SEQUENCES_SETTINGS, SEQUENCES_SECTIONS, LAB_PRESETS.sequences);
type Bounds = { min?: number; max?: number; default: unknown };

describe("the sequences lab's settings", () => {
  it("are every setting of the server's sequences config, with its defaults, and start from the lab's preset", () => {
    const own = SEQUENCES_SETTINGS.filter((s) => s.lab === "sequences").map((s) => s.key);
    expect(new Set(own)).toEqual(new Set(Object.keys(LAB_CONFIGS.sequences)));
    expect(table.byKey.get("cell")!.default).toBe("lstm");
    expect(table.byKey.get("optimizer")!.default).toBe("adam");
    expect(table.byKey.get("grad_clip")!.default).toBe(1);
    expect(new Set(Object.keys(GOALS))).toEqual(new Set(["echo", "parity", "adding", "wave", "text"]));
    expect(table.configChanges(new Map<string, Value>([["cell", "rnn"], ["learning_rate", 0.003]]), ["cell", "learning_rate"])).toEqual({
      learning_rate: 0.003,
      lab: { lab: "sequences", cell: "rnn" },
    });
  });

  it("carry a text of several lines through the address and back", () => {
    const text = "One, two;\nthree & four = 50 %?\n";
    const query = table.writeUrl(new Map<string, Value>([["text", text], ["task", "text"]]), { lab: "sequences" });
    const read = table.readUrl(query);
    expect(read.invalid).toEqual([]);
    expect(read.values.get("text")).toBe(text);
    expect(read.values.get("task")).toBe("text");
    // The default text stays out of the address; an empty one is refused there.
    expect(table.writeUrl(new Map<string, Value>([["text", FIELDS.text.default]]), {})).toBe("");
    expect(table.readUrl("text=").invalid).toEqual(["text="]);
  });
});

describe("the sequences lab's lessons", () => {
  it("are the three the issue asks for and one on text", () => {
    expect(LESSONS.map((l) => l.id)).toEqual(["memory", "forgetting", "gates", "text"]);
  });

  it("have presets the page reads without a complaint, within the server's bounds", () => {
    for (const lesson of LESSONS) {
      const { values, invalid } = lessonValues(table, lesson);
      expect(invalid, lesson.id).toEqual([]);
      expect(values.get("optimizer"), lesson.id).toBe("adam"); // unnamed: the lab's preset
      for (const [key, facts] of Object.entries(LAB_CONFIGS.sequences) as [string, Bounds][]) {
        const value = values.get(key);
        if (facts.min !== undefined) expect(value as number, `${lesson.id}: ${key}`).toBeGreaterThanOrEqual(facts.min);
        if (facts.max !== undefined) expect(value as number, `${lesson.id}: ${key}`).toBeLessThanOrEqual(facts.max!);
      }
    }
  });

  it("ask only what the server's checks across settings accept", () => {
    for (const lesson of LESSONS) {
      const { values } = lessonValues(table, lesson);
      const length = values.get("length") as number;
      // The echo task recalls `delay` steps back: the server wants delay < length, for
      // the preset and for every delay a step asks for ("Raise the delay to 5, then to 10").
      const delays = [values.get("delay") as number, ...[...lesson.tryThis.join(" ").matchAll(/delay (?:to|of) (\d+)(?:, then to (\d+))?/g)].flatMap((m) => m.slice(1).filter(Boolean).map(Number))];
      for (const delay of delays) expect(delay, lesson.id).toBeLessThan(length);
      // The text task needs length + 1 characters and at most 64 distinct ones.
      const text = values.get("text") as string;
      expect(text.length, lesson.id).toBeGreaterThanOrEqual(length + 1);
      expect(new Set(text).size, lesson.id).toBeLessThanOrEqual(64);
      // A backprop window a step names is within the server's bounds.
      for (const m of lesson.tryThis.join(" ").matchAll(/backprop window to (\d+)/g)) expect(Number(m[1])).toBeLessThanOrEqual(LAB_CONFIGS.sequences.bptt.max);
    }
  });
});
