// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";

import { RenderScheduler } from "../../../frontend/src/shell/scheduler";
import { Notices } from "../../../frontend/src/shell/views/notices";
import { bindShortcuts, ownsKey, Playback, type PlaybackActions } from "../../../frontend/src/shell/views/playback";
import { SettingsTable } from "../../../frontend/src/shell/settings";
import { nearestStep, rangeMessage, SettingsPanel } from "../../../frontend/src/shell/views/settingsPanel";
import { SHORTCUTS, type ShortcutOverlay } from "../../../frontend/src/shell/views/shortcuts";

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

  it("keeps Space for play/pause after a button was pressed, and ? for the shortcut list", () => {
    let opened = 0;
    const overlay = { open: () => opened++ } as unknown as ShortcutOverlay;
    bindShortcuts(document.body, recordActions(log), () => true, overlay); // not window: the test above bound that
    const play = document.querySelector("button")!;
    const space = new KeyboardEvent("keydown", { key: " ", bubbles: true, cancelable: true });
    play.dispatchEvent(space);
    expect(log).toEqual(["toggle"]);
    expect(space.defaultPrevented).toBe(true); // so the button is not pressed a second time
    play.dispatchEvent(new KeyboardEvent("keydown", { key: "?", shiftKey: true, bubbles: true, cancelable: true }));
    document.getElementById("other")!.dispatchEvent(new KeyboardEvent("keydown", { key: "?", bubbles: true }));
    expect(opened).toBe(1); // typed into a text field, "?" is just a character
  });
});

describe("ownsKey", () => {
  it("leaves Space to text fields, selects and check boxes, arrows to widgets that say so", () => {
    document.body.innerHTML = `<input id="text" /><input id="box" type="checkbox" /><input id="slider" type="range" />
      <select id="list"></select><button id="button"></button><canvas id="plot" data-owns-arrows></canvas>
      <button id="radio" role="radio"></button><details><summary id="fold">More</summary></details>
      <span id="by-role" role="button" tabindex="0"></span>`;
    const at = (id: string): HTMLElement => document.getElementById(id)!;
    expect(ownsKey(at("text"), " ")).toBe(true);
    expect(ownsKey(at("list"), " ")).toBe(true);
    expect(ownsKey(at("box"), " ")).toBe(true);
    expect(ownsKey(at("button"), " ")).toBe(false);
    expect(ownsKey(at("radio"), " ")).toBe(true);
    expect(ownsKey(at("slider"), " ")).toBe(false);
    expect(ownsKey(at("slider"), "ArrowRight")).toBe(true);
    expect(ownsKey(at("slider"), "PageDown")).toBe(true);
    expect(ownsKey(at("plot"), "ArrowRight")).toBe(true);
    expect(ownsKey(at("plot"), " ")).toBe(false);
    expect(ownsKey(at("fold"), " ")).toBe(true); // Space unfolds the section
    expect(ownsKey(at("by-role"), " ")).toBe(true);
    expect(ownsKey(at("fold"), "ArrowRight")).toBe(false);
  });

  it("names every key the page answers in the shortcut list", () => {
    const keys = SHORTCUTS.map((s) => s.keys).join(" ");
    for (const key of ["Space", "→", "?", "Escape", "Enter", "PageDown"]) expect(keys).toContain(key);
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

  it("says why a typed number is refused, under the field it describes", () => {
    document.body.innerHTML = `<div id="panel"></div>`;
    const sent: unknown[] = [];
    new SettingsPanel(document.getElementById("panel")!, [shellSettings.byKey.get("momentum")!], (_, value) => sent.push(value));
    const field = document.querySelector<HTMLInputElement>('[data-setting="momentum"] input')!;
    const message = document.getElementById(field.getAttribute("aria-describedby")!)!;
    field.value = "5";
    field.dispatchEvent(new Event("change"));
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(message.hidden).toBe(false);
    expect(message.textContent).toBe(rangeMessage("Momentum", "5", { min: Number(field.min), max: Number(field.max), step: 0.01 }));
    expect(message.textContent).toContain(`takes ${field.min} to ${field.max}`);
    field.value = "0.5";
    field.dispatchEvent(new Event("change"));
    expect(field.hasAttribute("aria-invalid")).toBe(false);
    expect(message.hidden).toBe(true);
    expect(sent).toEqual([0.5]);
    expect(rangeMessage("Seed", "", { min: 0, max: 9, step: 1 })).toBe("An empty field is not allowed: Seed takes 0 to 9 (whole numbers).");
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
