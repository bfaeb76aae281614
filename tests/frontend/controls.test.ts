// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";

import { RenderScheduler } from "../../frontend/src/scheduler";
import { bindShortcuts, Controls, formatRate, LEARNING_RATES, type ControlActions } from "../../frontend/src/views/controls";
import { Notices } from "../../frontend/src/views/notices";

const PAGE = `
  <button type="button" id="play-pause">Play</button>
  <button type="button" id="step-button">Step</button>
  <button type="button" id="reset-button">Reset</button>
  <label for="learning-rate">Learning rate</label><select id="learning-rate"></select>
  <input type="checkbox" id="show-test" /><label for="show-test">Show test data</label>
  <input type="text" id="other" />
  <div id="notices"></div>`;

function recordActions(log: string[]): ControlActions {
  return {
    togglePlay: () => log.push("toggle"),
    step: () => log.push("step"),
    reset: () => log.push("reset"),
    setLearningRate: (rate) => log.push(`rate:${rate}`),
    showTestData: (show) => log.push(`test:${show}`),
  };
}

describe("Controls", () => {
  let log: string[];
  let controls: Controls;
  beforeEach(() => {
    document.body.innerHTML = PAGE;
    log = [];
    controls = new Controls(document, recordActions(log));
  });

  it("offers the learning rates as plain decimals", () => {
    const options = [...controls.rateSelect.options].map((o) => o.textContent);
    expect(options).toEqual(["0.00001", "0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10"]);
    expect(LEARNING_RATES.map(formatRate)).toEqual(options);
  });

  it("labels the play button by what it will do", () => {
    controls.render({ connected: true, playing: true, learningRate: 0.03 });
    expect(controls.playButton.textContent).toBe("Pause");
    controls.render({ connected: true, playing: false, learningRate: 0.03 });
    expect(controls.playButton.textContent).toBe("Play");
    expect(controls.rateSelect.value).toBe("0.03");
  });

  it("disables requests while disconnected", () => {
    controls.render({ connected: false, playing: false, learningRate: undefined });
    expect(controls.playButton.disabled && controls.stepButton.disabled && controls.rateSelect.disabled).toBe(true);
  });

  it("sends the chosen rate and keeps it until the server says otherwise", () => {
    controls.render({ connected: true, playing: true, learningRate: 0.03 });
    controls.rateSelect.value = "0.3";
    controls.rateSelect.dispatchEvent(new Event("change"));
    expect(log).toEqual(["rate:0.3"]);
    controls.render({ connected: true, playing: true, learningRate: 0.03 }); // a frame before the reply
    expect(controls.rateSelect.value).toBe("0.3");
    controls.resync(); // e.g. the server refused it
    controls.render({ connected: true, playing: true, learningRate: 0.03 });
    expect(controls.rateSelect.value).toBe("0.03");
  });

  it("shows a rate set elsewhere that is not in the list", () => {
    controls.render({ connected: true, playing: true, learningRate: 0.05 });
    expect(controls.rateSelect.value).toBe("0.05");
    expect([...controls.rateSelect.options].map((o) => o.value).slice(5, 8)).toEqual(["0.03", "0.05", "0.1"]);
  });

  it("routes clicks to the actions", () => {
    controls.playButton.click();
    controls.stepButton.click();
    controls.resetButton.click();
    expect(log).toEqual(["toggle", "step", "reset"]);
  });
});

describe("keyboard shortcuts", () => {
  let log: string[];
  beforeEach(() => {
    document.body.innerHTML = PAGE;
    log = [];
    bindShortcuts(document, recordActions(log), () => true);
  });
  const press = (key: string, target: Element = document.body) =>
    target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));

  it("toggles on space and steps on right arrow", () => {
    press(" ");
    press("ArrowRight");
    expect(log).toEqual(["toggle", "step"]);
  });

  it("leaves keys to text fields, and space to buttons", () => {
    press(" ", document.getElementById("other")!);
    press("ArrowRight", document.getElementById("other")!);
    press("ArrowRight", document.getElementById("learning-rate")!);
    press(" ", document.getElementById("step-button")!);
    expect(log).toEqual([]);
    press("ArrowRight", document.getElementById("step-button")!);
    expect(log).toEqual(["step"]);
  });
});

describe("Notices", () => {
  it("shows each message in a dismissible alert, counting repeats", () => {
    document.body.innerHTML = PAGE;
    const container = document.getElementById("notices")!;
    const notices = new Notices(container);
    notices.show("learning_rate: too large");
    notices.show("learning_rate: too large");
    const alerts = container.querySelectorAll('[role="alert"]');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.textContent).toContain("learning_rate: too large (2×)");
    const dismiss = alerts[0]!.querySelector("button")!;
    expect(dismiss.textContent).toBe("Dismiss");
    dismiss.click();
    expect(container.children).toHaveLength(0);
  });
});

describe("RenderScheduler", () => {
  it("draws once per animation frame, however many updates arrive", () => {
    const callbacks: (() => void)[] = [];
    let draws = 0;
    const scheduler = new RenderScheduler(() => draws++, (cb) => callbacks.push(cb));
    scheduler.invalidate();
    scheduler.invalidate();
    scheduler.invalidate();
    expect(callbacks).toHaveLength(1);
    callbacks[0]!();
    expect(draws).toBe(1);
    scheduler.invalidate();
    expect(callbacks).toHaveLength(2);
  });
});
