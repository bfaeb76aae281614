import { describe, expect, it } from "vitest";

import { CONFIG, LAB_CONFIGS } from "../../../frontend/src/protocol/constants";
import { DROPOUT_RATES, POINTS_SECTIONS, POINTS_SETTINGS } from "../../../frontend/src/labs/points/settings";
import { labOf, SettingsTable, type Config, type Value } from "../../../frontend/src/shell/settings";

// The table as the 2D lab's page has it: the lab's rows and the shell's.
const table = new SettingsTable(POINTS_SETTINGS, POINTS_SECTIONS);
const { settings: SETTINGS, byKey: SETTING } = table;
const readUrl = (query: string) => table.readUrl(query);
const writeUrl = table.writeUrl.bind(table);
const defaults = (fields: Record<string, { default: unknown }>) => Object.fromEntries(Object.entries(fields).map(([key, facts]) => [key, facts.default]));
const CONFIG_DEFAULTS = defaults(CONFIG);
const LAB_DEFAULTS = { lab: "points", ...defaults(LAB_CONFIGS.points) };

describe("the settings table", () => {
  it("names every setting once, and each default survives its own URL form", () => {
    expect(new Set(SETTINGS.map((s) => s.key)).size).toBe(SETTINGS.length);
    for (const setting of SETTINGS) {
      // Lists travel compacted ("tanh" for ["tanh", "tanh"]), which the server expands.
      const text = setting.serialize(setting.default);
      expect(setting.serialize(setting.parse(text)!), setting.key).toBe(text);
    }
  });

  it("takes each session setting's default from the server", () => {
    for (const setting of SETTINGS) {
      if (setting.scope !== "config") continue;
      const fields: Record<string, { default: unknown }> = setting.lab === null ? CONFIG : LAB_CONFIGS.points;
      expect(setting.default, setting.key).toEqual(fields[setting.key]!.default);
    }
  });

  it("allows a batch of the whole training set, up to the server's bound", () => {
    const batch = SETTING.get("batch_size")!;
    expect(batch.parse("1080")).toBe(1080); // six bumps: 1,200 points, 90 % for training
    expect(batch.parse(String(CONFIG.batch_size.max))).toBe(CONFIG.batch_size.max);
    expect(batch.parse(String(CONFIG.batch_size.max + 1))).toBeUndefined();
    expect(batch.widget).toMatchObject({ min: CONFIG.batch_size.min, max: CONFIG.batch_size.max });
  });

  it("offers only values the server allows, the default among them", () => {
    for (const setting of SETTINGS) {
      if (setting.widget.kind !== "steps") continue;
      for (const value of setting.widget.values) expect(setting.parse(String(value)), `${setting.key}=${value}`).toBe(value);
      expect(setting.widget.values, setting.key).toContain(setting.default);
    }
    for (const rate of DROPOUT_RATES) expect(SETTING.get("dropout")!.parse(String(rate))).toEqual([rate]);
  });

  it("writes only the settings that differ from their defaults", () => {
    const values = new Map(SETTINGS.map((s) => [s.key, s.default]));
    expect(writeUrl(values, {})).toBe("");
    values.set("learning_rate", 0.1);
    values.set("hidden", [8, 8, 8]);
    values.set("activations", ["relu", "relu", "relu"]);
    values.set("show_test", true);
    expect(writeUrl(values, { session: "abc" })).toBe("session=abc&hidden=8,8,8&activations=relu&learning_rate=0.1&show_test=1");
  });

  it("round-trips every kind of value through the URL", () => {
    const values = new Map(SETTINGS.map((s) => [s.key, s.default]));
    const changed = {
      dataset: "spiral", noise: 0.25, features: ["x1", "x2", "sin_x1"], hidden: [], activations: ["relu", "tanh"],
      dropout: [0.1, 0, 0.5], optimizer: "adam", learning_rate: 3e-5, steps_per_second: 1e6, seed: 42,
      regularization: "l2", regularization_rate: 0.003, discretize: true,
    };
    for (const [key, value] of Object.entries(changed)) values.set(key, value);
    const back = readUrl(writeUrl(values, { hidden: new Set(["noise"]), present: true }));
    expect(back.invalid).toEqual([]);
    for (const [key, value] of Object.entries(changed)) expect(back.values.get(key), key).toEqual(value);
    expect(back.given).toEqual(new Set(Object.keys(changed)));
    expect(back.hidden).toEqual(new Set(["noise"]));
    expect(back.present).toBe(true);
  });

  it("falls back to the default for each invalid value and names it", () => {
    const url = readUrl("?learning_rate=abc&noise=0.9&hidden=4,99&features=&dataset=moon&optimizer=adam&bogus=1");
    expect(url.invalid).toEqual(["learning_rate=abc", "noise=0.9", "hidden=4,99", "features=", "dataset=moon", "bogus=1"]);
    expect(url.values.get("learning_rate")).toBe(0.03);
    expect(url.values.get("hidden")).toEqual([4, 2]);
    expect(url.values.get("optimizer")).toBe("adam");
    expect(url.given).toEqual(new Set(["optimizer"]));
  });

  it("hides controls by list or by Playground-style flags", () => {
    const url = readUrl("?hide=dataset,network&noise_hide=true&seed_hide=false&nonsense_hide=true");
    expect(url.hidden).toEqual(new Set(["dataset", "network", "noise"]));
    expect(url.invalid).toEqual(["nonsense_hide=true"]);
  });

  it("reads the session and the presentation mode", () => {
    expect(readUrl("?session=xyz&present=1")).toMatchObject({ session: "xyz", present: true });
    expect(readUrl("?session=")).toMatchObject({ session: undefined, present: false });
    expect(readUrl("?view=v1")).toMatchObject({ view: "v1", session: undefined, invalid: [] });
    expect(writeUrl(new Map(), { view: "v1" })).toBe("view=v1");
  });

  it("reads the lab the address names, which the links the page makes carry first", () => {
    expect(labOf("")).toBeUndefined();
    expect(labOf("?lab=")).toBeUndefined();
    expect(labOf("?lab=points")).toBe("points");
    expect(labOf("?noise=0.1&lab=nope")).toBe("nope");
    const url = readUrl("?noise=0.1&lab=points");
    expect(url).toMatchObject({ lab: "points", invalid: [], given: new Set(["noise"]) });
    expect(readUrl("?noise=0.1").lab).toBeUndefined();
    expect(writeUrl(url.values, { lab: url.lab, session: "s1" })).toBe("lab=points&session=s1&noise=0.1");
    expect(writeUrl(url.values, { session: "s1" })).toBe("session=s1&noise=0.1");
  });

  it("lists the session's settings before this page's view settings, the lab's before the shell's in each", () => {
    const keys = SETTINGS.map((s) => s.key);
    const lastConfig = SETTINGS.map((s) => s.scope).lastIndexOf("config");
    expect(SETTINGS.slice(0, lastConfig + 1).every((s) => s.scope === "config")).toBe(true);
    expect(keys.indexOf("dropout")).toBeLessThan(keys.indexOf("loss")); // lab, then shell
    expect(keys.slice(lastConfig + 1)).toEqual(["show_test", "discretize", "gradients", "log_scale", "log_steps"]);
    expect(new SettingsTable([], []).settings.some((s) => s.key === "dataset")).toBe(false);
  });

  it("turns session settings into one set message's changes, leaving view settings out", () => {
    const values = new Map<string, Value>([["learning_rate", 0.3], ["show_test", true], ["hidden", [3]]]);
    expect(table.configChanges(values, ["learning_rate", "show_test", "hidden"])).toEqual({ learning_rate: 0.3, lab: { lab: "points", hidden: [3] } });
    expect(table.configChanges(values, ["learning_rate"])).toEqual({ learning_rate: 0.3 });
  });

  it("reads the lab's settings from the config's lab part", () => {
    const config = { ...CONFIG_DEFAULTS, learning_rate: 0.3, lab: { ...LAB_DEFAULTS, hidden: [5] } } as unknown as Config;
    const values = table.configValues(config);
    expect([values.get("learning_rate"), values.get("hidden"), values.get("dataset")]).toEqual([0.3, [5], "circle"]);
  });

  it("offers only the losses that suit the problem", () => {
    const loss = SETTING.get("loss")!;
    const config = {} as never;
    expect(loss.options!({ config, problem: "binary" }).map((o) => o.value)).toEqual(["mse", "log"]);
    expect(loss.options!({ config, problem: "multiclass" }).map((o) => o.value)).toEqual(["cross_entropy"]);
    expect(loss.options!({ config, problem: "regression" }).map((o) => o.value)).toEqual(["mse", "huber"]);
  });

  it("shows optimizer hyperparameters only where they apply", () => {
    const relevant = (key: string, optimizer: string) => SETTING.get(key)!.relevant!({ config: { optimizer } as never, problem: "binary" });
    expect(relevant("momentum", "nesterov")).toBe(true);
    expect(relevant("momentum", "adam")).toBe(false);
    expect(relevant("beta2", "adamw")).toBe(true);
    expect(relevant("weight_decay", "adam")).toBe(false);
    expect(relevant("rms_decay", "rmsprop")).toBe(true);
  });
});
