// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";

import { ColorBar, formatTick, linearRamp } from "../../../frontend/src/shell/views/colorBar";
import { CLASS_COLORS, divergingColor, NEGATIVE, POSITIVE } from "../../../frontend/src/shell/views/colormap";

describe("ColorBar", () => {
  it("shows a scale's colours from low to high with the values at the ends and the middle", () => {
    const bar = new ColorBar("neurons");
    expect(bar.element.hidden).toBe(true);
    const ramp = linearRamp("Neuron", -1, 1, divergingColor);
    expect(ramp.color(0)).toEqual(NEGATIVE);
    expect(ramp.color(1)).toEqual(POSITIVE);
    bar.show(ramp);
    expect(bar.element.hidden).toBe(false);
    expect(bar.element.dataset["legend"]).toBe("neurons");
    expect(bar.element.querySelector("figcaption")!.textContent).toBe("Neuron");
    expect([...bar.element.querySelectorAll(".color-bar-ticks span")].map((s) => s.textContent)).toEqual(["\u22121", "0", "1"]);
  });

  it("shows a swatch per class instead of a ramp", () => {
    const bar = new ColorBar("output");
    bar.showClasses("Output: class", CLASS_COLORS.slice(0, 3));
    expect([...bar.element.querySelectorAll(".color-bar-classes li")].map((li) => li.textContent)).toEqual(["0", "1", "2"]);
    expect(bar.element.classList.contains("classes")).toBe(true);
  });

  it("writes short tick values whatever their size, with a true minus", () => {
    expect(formatTick(0)).toBe("0");
    expect(formatTick(0.123456)).toBe("0.123");
    expect(formatTick(-2)).toBe("\u22122");
    expect(formatTick(3.2e-5)).toBe("3.2e-5");
    expect(formatTick(123456)).toBe("1.2e+5");
  });
});
