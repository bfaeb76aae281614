import { describe, expect, it } from "vitest";

import { LESSONS } from "../../../../frontend/src/labs/images/lessons";
import { IMAGES_SECTIONS, IMAGES_SETTINGS } from "../../../../frontend/src/labs/images/settings";
import { LAB_PRESETS } from "../../../../frontend/src/protocol/constants";
import { lessonValues } from "../../../../frontend/src/shell/lessons";
import { SettingsTable, type Value } from "../../../../frontend/src/shell/settings";

const table = new SettingsTable(IMAGES_SETTINGS, IMAGES_SECTIONS, LAB_PRESETS.images);

describe("the images lab", () => {
  it("starts from the server's preset of the shared settings", () => {
    expect(table.byKey.get("optimizer")!.default).toBe("adam");
    expect(table.byKey.get("batch_size")!.default).toBe(32);
    expect(table.byKey.get("learning_rate")!.default).toBe(0.003);
    // A setting the preset leaves alone keeps the server's default.
    expect(table.byKey.get("schedule")!.default).toBe("constant");
    // Its own settings live in its part of the config.
    expect(table.configChanges(new Map<string, Value>([["filters", [4]], ["optimizer", "sgd"]]), ["filters", "optimizer"])).toEqual({
      optimizer: "sgd",
      lab: { lab: "images", filters: [4] },
    });
  });

  it("has lessons whose presets the page's own URL parser reads without a complaint", () => {
    expect(LESSONS.map((l) => l.id)).toEqual(["filters", "pooling", "overfitting"]);
    for (const lesson of LESSONS) {
      expect(table.readUrl(lesson.preset).invalid, lesson.id).toEqual([]);
      const { values, invalid } = lessonValues(table, lesson);
      expect(invalid, lesson.id).toEqual([]);
      expect(values.get("optimizer"), lesson.id).toBe("adam"); // unnamed: the lab's preset
    }
  });
});
