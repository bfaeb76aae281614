import { describe, expect, it } from "vitest";

import { LESSONS } from "../../../../frontend/src/labs/attention/lessons";
import { ATTENTION_SECTIONS, ATTENTION_SETTINGS, GOALS } from "../../../../frontend/src/labs/attention/settings";
import { LAB_CONFIGS, LAB_PRESETS } from "../../../../frontend/src/protocol/constants";
import { lessonValues } from "../../../../frontend/src/shell/lessons";
import { SettingsTable, type Value } from "../../../../frontend/src/shell/settings";

const table = new SettingsTable(ATTENTION_SETTINGS, ATTENTION_SECTIONS, LAB_PRESETS.attention);

describe("the attention lab's settings", () => {
  it("are every setting of the server's attention config, with its defaults, and start from the lab's preset", () => {
    const own = ATTENTION_SETTINGS.filter((s) => s.lab === "attention").map((s) => s.key);
    expect(new Set(own)).toEqual(new Set(Object.keys(LAB_CONFIGS.attention)));
    expect(table.byKey.get("task")!.default).toBe("reverse");
    expect(table.byKey.get("optimizer")!.default).toBe("adamw");
    expect(new Set(Object.keys(GOALS))).toEqual(new Set(["reverse", "sort", "shift", "induction", "modular"]));
    expect(table.configChanges(new Map<string, Value>([["heads", 4], ["weight_decay", 1]]), ["heads", "weight_decay"])).toEqual({
      weight_decay: 1,
      lab: { lab: "attention", heads: 4 },
    });
  });
});

describe("the attention lab's lessons", () => {
  it("are the three the issue asks for, each a preset the settings read without a refusal", () => {
    expect(LESSONS.map((l) => l.id)).toEqual(["attention", "heads", "grokking"]);
    for (const lesson of LESSONS) {
      const { values, invalid } = lessonValues(table, lesson);
      expect(invalid, lesson.id).toEqual([]);
      const heads = values.get("heads") as number | undefined;
      const width = values.get("width") as number | undefined;
      if (heads !== undefined && width !== undefined) expect(width % heads, lesson.id).toBe(0);
    }
  });

  it("teach grokking with the server's preset: mod-97 addition on 30 % of the pairs, strong weight decay, the step axis on a log scale", () => {
    const { values } = lessonValues(table, LESSONS.find((l) => l.id === "grokking")!);
    expect(values.get("task")).toBe("modular");
    expect(values.get("modulus")).toBe(97);
    expect(values.get("train_share")).toBe(0.3);
    expect(values.get("weight_decay")).toBe(0.5);
    expect(values.get("optimizer")).toBe("adamw");
    expect(values.get("log_steps")).toBe(true);
  });
});
