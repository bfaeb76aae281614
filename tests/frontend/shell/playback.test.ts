// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";

import { RenderScheduler } from "../../../frontend/src/shell/scheduler";
import { Notices } from "../../../frontend/src/shell/views/notices";
import { bindShortcuts, Playback, type PlaybackActions } from "../../../frontend/src/shell/views/playback";
import { SettingsTable } from "../../../frontend/src/shell/settings";
import { nearestStep, SettingsPanel } from "../../../frontend/src/shell/views/settingsPanel";

/** The shell's own rows, as on a page of a lab with none. */
const shellSettings = new SettingsTable([], []);

function recordActions(log: string[]): PlaybackActions {
  return {
    togglePlay: () => log.push("toggle"),
    step: () => log.push("step"),
    stepEpoch: () => log.push("epoch"),
    reset: () => log.push("reset"),
    regenerate: () => log.push("regenerate"),
  };
}

describe("Playback", () => {
  let log: string[];
  let playback: Playback;
  beforeEach(() => {
    document.body.innerHTML = `<div id="bar"></div><input type="text" id="other" />`;
    log = [];
    playback = new Playback(document.getElementById("bar")!, recordActions(log));
  });

  it("labels its buttons and sends their actions", () => {
    const labels = [...document.querySelectorAll("button")].map((b) => b.textContent);
    expect(labels).toEqual(["Play", "Step", "Step epoch", "Reset", "Regenerate"]);
    document.querySelectorAll("button").forEach((b) => b.click());
    expect(log).toEqual(["toggle", "step", "epoch", "reset", "regenerate"]);
  });

  it("shows Pause while playing and disables everything while disconnected", () => {
    playback.render(true, true);
    expect(playback.play.textContent).toBe("Pause");
    playback.render(false, false);
    expect(playback.play.textContent).toBe("Play");
    expect([...document.querySelectorAll("button")].every((b) => b.disabled)).toBe(true);
  });

  it("answers space and right arrow, but not inside a text field", () => {
    bindShortcuts(window, recordActions(log), () => true);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: " " }));
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight" }));
    document.getElementById("other")!.dispatchEvent(new KeyboardEvent("keydown", { key: " ", bubbles: true }));
    expect(log).toEqual(["toggle", "step"]);
  });
});

describe("SettingsPanel", () => {
  it("builds a labelled control per setting and sends the chosen value", () => {
    document.body.innerHTML = `<div id="panel"></div>`;
    const sent: [string, unknown][] = [];
    const panel = new SettingsPanel(
      document.getElementById("panel")!,
      ["optimizer", "momentum", "learning_rate"].map((k) => shellSettings.byKey.get(k)!),
      (setting, value) => sent.push([setting.key, value]),
    );
    const values = new Map<string, never>([["optimizer", "adam" as never], ["momentum", 0.9 as never], ["learning_rate", 0.03 as never]]);
    panel.render(values, { config: { optimizer: "adam" } as never, problem: "binary" });
    const rate = document.querySelector<HTMLInputElement>('[data-setting="learning_rate"] input')!;
    expect(document.querySelector(`label[for="${rate.id}"]`)?.textContent).toBe("Learning rate");
    expect(rate.getAttribute("aria-valuetext")).toBe("0.03");
    expect(document.querySelector<HTMLElement>('[data-setting="momentum"]')!.hidden).toBe(true);
    rate.value = String(Number(rate.value) + 1);
    rate.dispatchEvent(new Event("input"));
    expect(sent).toEqual([["learning_rate", 0.1]]);
  });

  it("snaps a value to the nearest offered step on a log scale", () => {
    expect(nearestStep([0, 0.001, 0.01, 0.1], 0.02)).toBe(2);
    expect(nearestStep([0, 0.001, 0.01, 0.1], 0)).toBe(0);
  });
});

describe("Notices", () => {
  it("shows each message once, counting repeats", () => {
    document.body.innerHTML = `<div id="notices"></div>`;
    const notices = new Notices(document.getElementById("notices")!);
    notices.show("bad");
    notices.show("bad");
    expect(document.querySelectorAll(".notice").length).toBe(1);
    expect(document.querySelector(".notice-text")?.textContent).toBe("bad (2×)");
  });
});

describe("RenderScheduler", () => {
  it("draws once per animation frame however often it is asked", () => {
    let frames: (() => void)[] = [];
    let renders = 0;
    const scheduler = new RenderScheduler(() => renders++, (cb) => frames.push(cb));
    scheduler.invalidate();
    scheduler.invalidate();
    expect(frames.length).toBe(1);
    frames[0]!();
    frames = [];
    expect(renders).toBe(1);
  });
});
