import { describe, expect, it } from "vitest";

import { DEFAULT_LAB, findLab, LABS } from "../../../frontend/src/labs";
import { LABS as SERVER_LABS } from "../../../frontend/src/protocol/constants";
import { labOf } from "../../../frontend/src/shell/settings";

const name = (query: string): string => {
  const lab = findLab(labOf(query));
  return typeof lab === "string" ? lab : lab.open((found) => found.name);
};

describe("the labs", () => {
  it("are the server's labs; without ?lab= an address opens the 2D lab", () => {
    expect(LABS.map((lab) => lab.name)).toEqual([...SERVER_LABS]);
    expect(name("?lab=images")).toBe("images");
    expect(name("?lab=sequences")).toBe("sequences");
    expect(DEFAULT_LAB).toBe("points");
    expect(name("")).toBe("points");
    expect(name("?noise=0.1&lab=")).toBe("points");
    expect(name("?lab=points&session=abc")).toBe("points");
  });

  it("name the bad value and the labs there are when the address names none of them", () => {
    expect(name("?lab=nope")).toBe('There is no lab "nope"; the labs are points, images, sequences, attention.');
    expect(name("?lab=Points")).toContain('"Points"');
  });
});
