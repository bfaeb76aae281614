import { describe, expect, it } from "vitest";

import { linearRange, logRange, translucent } from "../../../frontend/src/shell/views/chart";
import { alignRuns } from "../../../frontend/src/shell/views/lossChart";

describe("chart ranges", () => {
  it("are 0 to 1 with no data, where uPlot's would put every tick on one rounded value", () => {
    expect(linearRange(null, null)).toEqual([0, 1]);
    expect(linearRange(null, null, true)).toEqual([0, 1]);
    expect(logRange(null, null)).toEqual([1e-3, 1]);
  });

  it("open a band around a flat line", () => {
    const [low, high] = linearRange(0.5, 0.5);
    expect(low).toBeLessThan(0.5);
    expect(high).toBeGreaterThan(0.5);
    expect(linearRange(0, 0, true)).toEqual([0, 1]); // a loss of 0 all along
    expect(linearRange(0.25, 0.25, true)).toEqual([0, 0.25 * 1.05]); // from 0: not flat
    expect(logRange(0.05, 0.05)).toEqual([0.01, 0.1]);
    expect(logRange(0.1, 0.1)).toEqual([0.01, 1]); // a power of ten: a decade either side
  });

  it("keep real data as they are (a loss axis from 0)", () => {
    expect(linearRange(2, 10)).toEqual([2, 10]);
    expect(linearRange(0.2, 0.6, true)).toEqual([0, 0.6 * 1.05]);
    expect(logRange(0.003, 0.7)).toEqual([0.001, 1]);
  });
});

describe("alignRuns", () => {
  it("puts two runs on the union of their steps, with gaps at the other's", () => {
    const [steps, old, current] = alignRuns([0, 10], [[1, 0.5]], [0, 5, 20], [[2, 1.5, 1]]);
    expect(steps).toEqual([0, 5, 10, 20]);
    expect(old).toEqual([[2, 1.5, null, 1]]);
    expect(current).toEqual([[1, null, 0.5, null]]);
  });
});

describe("translucent", () => {
  it("turns a theme colour into rgba", () => {
    expect(translucent("#0877bd", 0.5)).toBe("rgba(8, 119, 189, 0.5)");
    expect(translucent("rgb(1, 2, 3)", 0.5)).toBe("rgb(1, 2, 3)");
  });
});
