// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";

import { HistogramAxis } from "../../../frontend/src/shell/views/histogram";

describe("HistogramAxis", () => {
  it("names the histogram's range under it: the values at its ends", () => {
    const axis = new HistogramAxis();
    axis.show(0.5);
    expect([...axis.element.querySelectorAll("span")].map((s) => s.textContent)).toEqual(["\u22120.5", "0.5"]);
    axis.show(3.2e-5);
    expect([...axis.element.querySelectorAll("span")].map((s) => s.textContent)).toEqual(["\u22123.2e-5", "3.2e-5"]);
  });
});
