import { describe, expect, it } from "vitest";

import { Lockstep } from "../../../frontend/src/shell/compare/lockstep";
import { COMPARABLE, POINTS_SECTIONS, POINTS_SETTINGS } from "../../../frontend/src/labs/points/settings";
import { planQuery, readPlan, variantChanges, variantLabel, type ComparePlan, type CompareSetup } from "../../../frontend/src/shell/compare/plan";
import { SettingsTable, type Value } from "../../../frontend/src/shell/settings";

// Comparisons in the 2D lab, whose address names no lab.
const setup: CompareSetup = { table: new SettingsTable(POINTS_SETTINGS, POINTS_SECTIONS), comparable: COMPARABLE, lab: undefined };
const { table } = setup;

describe("readPlan", () => {
  it("reads the varied setting, its values, the round and the shared settings", () => {
    const plan = readPlan(setup, "noise=0.2&seed=7&vary=optimizer&values=sgd|adam&round=5") as ComparePlan;
    expect(plan.vary).toBe("optimizer");
    expect(plan.values).toEqual(["sgd", "adam"]);
    expect(plan.stepsPerRound).toBe(5);
    expect([...plan.given].sort()).toEqual(["noise", "seed"]);
    expect(variantChanges(table, plan, 1)).toEqual({ seed: 7, optimizer: "adam", lab: { lab: "points", noise: 0.2 } });
    expect(variantLabel(table, plan, 0)).toBe("Optimizer = sgd");
  });

  it("takes list settings whose values contain commas", () => {
    const plan = readPlan(setup, "vary=hidden&values=4,2|8,8,8") as ComparePlan;
    expect(plan.values).toEqual([[4, 2], [8, 8, 8]]);
    expect(variantChanges(table, plan, 1)).toEqual({ lab: { lab: "points", hidden: [8, 8, 8] } });
  });

  it("names what is wrong", () => {
    expect(readPlan(setup, "vary=seed&values=1|2")).toMatch(/^vary must be one of/);
    expect(readPlan(setup, "vary=optimizer&values=sgd")).toMatch(/give 2 to 4/);
    expect(readPlan(setup, "vary=learning_rate&values=0.1|99")).toBe('values: "99" is not a valid learning rate');
    expect(readPlan(setup, "vary=optimizer&values=sgd|adam&round=7")).toMatch(/^round must be one of/);
    expect(readPlan(setup, "vary=optimizer&values=sgd|adam&noise=3")).toBe("invalid settings: noise=3");
  });

  it("round-trips the lab's settings through planQuery", () => {
    const current = new Map<string, Value>([["noise", 0.3], ["activations", ["relu"]]]);
    const query = planQuery(setup, current, "learning_rate", "0.01|1", 100);
    expect(query).toBe("noise=0.3&activations=relu&vary=learning_rate&values=0.01|1&round=100");
    const plan = readPlan(setup, query) as ComparePlan;
    expect(plan.values).toEqual([0.01, 1]);
    expect(variantChanges(table, plan, 0)).toEqual({ learning_rate: 0.01, lab: { lab: "points", noise: 0.3, activations: ["relu"] } });
  });

  it("keeps the lab the address names, and reads it as no setting", () => {
    const query = planQuery({ ...setup, lab: "points" }, new Map<string, Value>([["noise", 0.3]]), "optimizer", "sgd|adam");
    expect(query).toBe("lab=points&noise=0.3&vary=optimizer&values=sgd|adam&round=20");
    expect(readPlan(setup, query)).toMatchObject({ vary: "optimizer", given: new Set(["noise"]) });
  });
});

describe("Lockstep", () => {
  it("completes a round only when every variant reached its target", () => {
    const lockstep = new Lockstep(3, 20);
    expect(lockstep.complete([0, 0, 0])).toBe(true); // nothing asked yet
    expect(lockstep.next()).toEqual({ steps: 20, variants: [0, 1, 2] });
    expect(lockstep.complete([20, 0, 20])).toBe(false);
    expect(lockstep.complete([20, 20, 20])).toBe(true);
    expect(lockstep.complete([20, 20, 20])).toBe(true); // a repeated frame records nothing
    lockstep.next();
    expect(lockstep.rounds).toEqual([[20, 20, 20]]);
  });

  it("lets the others go on when a variant drops out", () => {
    const lockstep = new Lockstep(2, 5);
    lockstep.next();
    expect(lockstep.complete([5, 0])).toBe(false);
    lockstep.drop(1);
    expect(lockstep.complete([5, 0])).toBe(true);
    expect(lockstep.next().variants).toEqual([0]);
    expect(lockstep.rounds).toEqual([[5]]);
  });
});
