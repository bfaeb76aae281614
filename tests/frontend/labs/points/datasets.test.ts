// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";

import { fetchPreviews, parsePreviews } from "../../../../frontend/src/labs/points/datasets";
import { DATASET_NAMES } from "../../../../frontend/src/protocol/constants";
import { POINTS_SETTINGS } from "../../../../frontend/src/labs/points/settings";
import { DatasetPicker } from "../../../../frontend/src/labs/points/views/datasetPicker";

const circle = { name: "circle", label: "Circle", problem: "binary", classes: 2, points: [[0, 0, 1], [4, 4, -1]] };

describe("dataset previews", () => {
  it("keeps well-formed entries and leaves out the rest", () => {
    const body = [circle, { ...circle, name: 3 }, { ...circle, problem: "art" }, { ...circle, points: [[0, "x", 1]] }, null];
    expect(parsePreviews(body)).toEqual([circle]);
    expect(parsePreviews({ detail: "nope" })).toEqual([]);
  });

  it("fetches GET /api/datasets and names a failed answer", async () => {
    const asked: string[] = [];
    const answer = (status: number, body: unknown): typeof fetch => async (url) => {
      asked.push(String(url));
      return new Response(JSON.stringify(body), { status });
    };
    expect(await fetchPreviews(answer(200, [circle]))).toEqual([circle]);
    expect(asked).toEqual(["/api/datasets"]);
    await expect(fetchPreviews(answer(404, {}))).rejects.toThrow("404");
  });

  it("lets the URL name every built-in dataset, and nothing else", () => {
    const setting = POINTS_SETTINGS.find((s) => s.key === "dataset")!;
    for (const name of DATASET_NAMES) expect(setting.parse(name)).toBe(name);
    expect(setting.parse("custom")).toBeUndefined();
    expect(setting.parse("moons")).toBeUndefined();
  });
});

describe("DatasetPicker", () => {
  it("offers the names until the previews arrive, then their labels", () => {
    const container = document.createElement("div");
    const picked: string[] = [];
    const picker = new DatasetPicker(container, (name) => picked.push(name));
    const radios = [...container.querySelectorAll<HTMLButtonElement>("[role=radio]:not([hidden])")];
    expect(radios.map((r) => r.getAttribute("aria-label"))).toEqual([...DATASET_NAMES]);

    picker.showPreviews(parsePreviews([{ ...circle, label: "Ring" }]));
    expect(radios[0]!.getAttribute("aria-label")).toBe("Ring");
    expect(radios[0]!.textContent).toBe("Ring");
    expect(radios[1]!.getAttribute("aria-label")).toBe("xor"); // not described: its name stays

    radios[0]!.click();
    expect(picked).toEqual(["circle"]);
    picker.render("circle");
    expect(radios[0]!.getAttribute("aria-checked")).toBe("true");
  });
});
