// The one table of every setting: its name (the URL key, and for session settings the
// SessionConfig field), label, default, how it reads from and writes to the URL, and
// which control shows it. The URL, the control panels and the `set` messages all come
// from this table, so a setting cannot exist in one place and be missing in another.
// The shell's rows (training, optimizer, schedule, regularization, run, curves) are here;
// each lab adds its own (labs/<lab>/settings.ts), built with the same helpers.
// Defaults, bounds and names are the server's, generated into protocol/constants.ts.

import {
  CONFIG,
  INITIALIZER_NAMES,
  LOSS_NAMES,
  LOSSES_BY_PROBLEM,
  OPTIMIZER_NAMES,
  OPTIMIZER_SETTINGS,
  type PROBLEMS,
  REGULARIZATIONS,
  SCHEDULES,
} from "../protocol/constants";
import type { ConfigChanges, SessionConfig } from "../protocol/messages";

export type Problem = (typeof PROBLEMS)[number];
/** A session's config as the server sends it: every field present (the generated type,
 *  read from the validation schema, marks them optional because they have defaults). */
export type Config = Required<Omit<SessionConfig, "lab">> & { lab: LabConfig };
/** A config's lab part: the lab's own settings, tagged with its name. */
export type LabConfig = Required<NonNullable<SessionConfig["lab"]>>;
export type Value = number | string | boolean | readonly string[] | readonly number[];

/** How a setting is shown; "custom" ones are drawn by a dedicated view (diagram, picker). */
export type Widget =
  | { kind: "select"; options: readonly Option[] }
  | { kind: "steps"; values: readonly number[] } // a slider over fixed (log-spaced) values
  | { kind: "range"; min: number; max: number; step: number } // a linear slider
  | { kind: "number"; min: number; max: number; step: number }
  | { kind: "checkbox" }
  | { kind: "checklist"; options: readonly Option[] }
  | { kind: "custom" };

export interface Option {
  value: string;
  label: string;
}

export interface Context {
  config: Config;
  problem: Problem;
}

export interface Setting {
  key: string;
  label: string;
  /** The `data-panel` whose control shows it: one of the shell's (optimizer, schedule,
   *  regularization, run, curves) or one the lab mounts. */
  panel: string;
  /** "config" settings live in the session; "view" ones only change this page. */
  scope: "config" | "view";
  /** The lab whose part of the config holds it; null: the shared part (or a view setting). */
  lab: string | null;
  default: Value;
  widget: Widget;
  /** The URL text's value, or undefined when it is not a valid one. */
  parse(text: string): Value | undefined;
  serialize(value: Value): string;
  format?(value: Value): string;
  /** Whether the control applies now (e.g. momentum only for momentum optimizers). */
  relevant?(context: Context): boolean;
  /** The options that apply now, for selects whose choices depend on the problem. */
  options?(context: Context): readonly Option[];
}

// -- value kinds: the helpers every row is built with ---------------------------------

type Base = Omit<Setting, "parse" | "serialize" | "default" | "widget" | "scope" | "lab"> & { scope?: "config" | "view" };
interface NumberFacts {
  default: number;
  min: number;
  max: number;
  integer: boolean;
}
interface ListFacts {
  default: readonly (string | number)[];
  minItems: number;
  maxItems: number;
}

export const inRange = (min: number, max: number, integer: boolean) => (text: string): number | undefined => {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n)) ? n : undefined;
};

const plain = (n: number): string => String(Number(n.toPrecision(6)));

/** The helpers that build rows of the fields in `fields` (generated from the server: the
 *  shell's CONFIG, or LAB_CONFIGS[lab] with the lab's name), each with the server's
 *  default and bounds. */
export function fieldsOf<Fields extends Record<string, { default: unknown }>>(fields: Fields, lab: string | null) {
  /** The fields of each kind, by what the server says of them. */
  type KeyOf<Shape> = { [K in keyof Fields]: Fields[K] extends Shape ? K : never }[keyof Fields] & string;
  return {
    /** A number within the server's bounds; a "range" or "number" widget spans all of them. */
    number(
      base: Base & { key: KeyOf<{ min: number }> },
      widget: { kind: "steps"; values: readonly number[] } | { kind: "range" | "number"; step: number },
    ): Setting {
      const { default: value, min, max, integer } = fields[base.key] as unknown as NumberFacts;
      return {
        scope: "config",
        ...base,
        lab,
        default: value,
        widget: widget.kind === "steps" ? widget : { ...widget, min, max },
        parse: inRange(min, max, integer),
        serialize: (v) => plain(v as number),
      };
    },

    choice(base: Base & { key: KeyOf<{ default: string }> }, options: readonly Option[]): Setting {
      return {
        scope: "config",
        ...base,
        lab,
        default: fields[base.key]!.default as string,
        widget: { kind: "select", options },
        parse: (text) => (options.some((o) => o.value === text) ? text : undefined),
        serialize: (v) => v as string,
      };
    },

    /** A comma-separated list whose items each pass `item`; `compact` shortens it for the URL. */
    list<T extends string | number>(
      base: Base & { key: KeyOf<{ maxItems: number }> },
      item: (text: string) => T | undefined,
      compact: (values: readonly T[]) => readonly T[] = (v) => v,
    ): Setting {
      const { default: value, minItems, maxItems } = fields[base.key] as unknown as ListFacts;
      return {
        scope: "config",
        ...base,
        lab,
        default: value as Value,
        widget: { kind: "custom" },
        parse(text): Value | undefined {
          const items = text === "" ? [] : text.split(",").map(item);
          if (items.some((v) => v === undefined) || items.length < minItems || items.length > maxItems) return undefined;
          return items as Value;
        },
        serialize: (v) => compact(v as readonly T[]).join(","),
      };
    },

    /** One of the few numbers the server allows (a kernel's side), on a slider of them. */
    pick(base: Base & { key: KeyOf<{ values: readonly number[] }> }): Setting {
      const { default: value, values } = fields[base.key] as unknown as { default: number; values: readonly number[] };
      return {
        scope: "config",
        ...base,
        lab,
        default: value,
        widget: { kind: "steps", values },
        parse: (text) => values.find((v) => String(v) === text.trim()),
        serialize: (v) => String(v),
      };
    },

    /** Free text (the sequences lab's text to learn), edited in the lab's own view: any
     *  text but an empty one reads from the URL, and the server judges the rest. */
    text(base: Base & { key: KeyOf<{ default: string }> }): Setting {
      return {
        scope: "config",
        ...base,
        lab,
        default: fields[base.key]!.default as string,
        widget: { kind: "custom" },
        parse: (text) => (text === "" ? undefined : text),
        serialize: (v) => v as string,
      };
    },

    /** A session setting shown as a checkbox. */
    toggle(base: Base & { key: KeyOf<{ default: boolean }> }): Setting {
      return { ...flag(base), scope: "config", lab, default: fields[base.key]!.default as boolean };
    },
  };
}

/** The rows of the settings every lab's session shares. */
export const shared = fieldsOf(CONFIG, null);

/** A setting of this page's view only (a checkbox). */
export function flag(base: Base): Setting {
  return {
    scope: "view",
    ...base,
    lab: null,
    default: false,
    widget: { kind: "checkbox" },
    parse: (text) => (["1", "true"].includes(text) ? true : ["0", "false"].includes(text) ? false : undefined),
    serialize: (v) => (v ? "1" : "0"),
  };
}

/** One option per name, in the server's order; the Record must label every name, so a name
 *  the server adds or drops fails to compile until it is labelled here. */
export const labelled = <Name extends string>(names: readonly Name[], labels: Record<Name, string>): Option[] =>
  names.map((value) => ({ value, label: labels[value] }));

// -- the shell's rows --------------------------------------------------------------

const LOSSES = labelled(LOSS_NAMES, { mse: "Mean squared error", log: "Log loss", cross_entropy: "Cross-entropy", huber: "Huber" });

const OPTIMIZERS = labelled(OPTIMIZER_NAMES, {
  sgd: "SGD",
  momentum: "Momentum",
  nesterov: "Nesterov",
  adam: "Adam",
  adamw: "AdamW",
  rmsprop: "RMSprop",
  adagrad: "Adagrad",
});

/** Whether the session's optimizer uses a setting (momentum only for momentum optimizers). */
const optimizerUses =
  (key: string) =>
  ({ config }: Context): boolean =>
    (OPTIMIZER_SETTINGS[config.optimizer] as readonly string[]).includes(key);

/** The fastest speed, which means "as fast as the server can". */
export const MAX_SPEED = CONFIG.steps_per_second.max;

/** Plain decimal text for rates: 0.00001, not 1e-5. */
export function formatNumber(n: number): string {
  if (n === 0) return "0";
  if (Math.abs(n) >= 1e-6) return plain(n);
  return n.toFixed(12).replace(/0+$/, "");
}

/** Training, optimizer, schedule, regularization and run: what every lab's session has. */
const SHELL_SETTINGS: readonly Setting[] = [
  // The optimizer
  {
    ...shared.choice({ key: "loss", label: "Loss", panel: "optimizer" }, LOSSES),
    options: ({ problem }) => LOSSES.filter((o) => (LOSSES_BY_PROBLEM[problem] as readonly string[]).includes(o.value)),
  },
  shared.choice({ key: "optimizer", label: "Optimizer", panel: "optimizer" }, OPTIMIZERS),
  shared.number(
    { key: "learning_rate", label: "Learning rate", panel: "optimizer", format: (v) => formatNumber(v as number) },
    { kind: "steps", values: [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] },
  ),
  shared.number({ key: "momentum", label: "Momentum", panel: "optimizer", relevant: optimizerUses("momentum") }, { kind: "number", step: 0.01 }),
  shared.number({ key: "beta1", label: "β₁", panel: "optimizer", relevant: optimizerUses("beta1") }, { kind: "number", step: 0.01 }),
  shared.number({ key: "beta2", label: "β₂", panel: "optimizer", relevant: optimizerUses("beta2") }, { kind: "number", step: 0.001 }),
  shared.number({ key: "weight_decay", label: "Weight decay", panel: "optimizer", relevant: optimizerUses("weight_decay") }, { kind: "number", step: 0.0001 }),
  shared.number({ key: "rms_decay", label: "RMS decay", panel: "optimizer", relevant: optimizerUses("rms_decay") }, { kind: "number", step: 0.01 }),
  // The schedule
  shared.choice({ key: "schedule", label: "Schedule", panel: "schedule" }, labelled(SCHEDULES, { constant: "Constant", step: "Step decay", cosine: "Cosine" })),
  shared.number(
    { key: "schedule_steps", label: "Decay every (steps)", panel: "schedule", relevant: ({ config }) => config.schedule !== "constant" },
    { kind: "number", step: 100 },
  ),
  shared.number({ key: "schedule_gamma", label: "Decay factor", panel: "schedule", relevant: ({ config }) => config.schedule === "step" }, { kind: "number", step: 0.05 }),
  shared.number({ key: "warmup_steps", label: "Warm-up steps", panel: "schedule" }, { kind: "number", step: 100 }),
  // Regularization
  shared.choice({ key: "regularization", label: "Regularization", panel: "regularization" }, labelled(REGULARIZATIONS, { none: "None", l1: "L1", l2: "L2" })),
  shared.number(
    { key: "regularization_rate", label: "Regularization rate", panel: "regularization", format: (v) => formatNumber(v as number), relevant: ({ config }) => config.regularization !== "none" },
    { kind: "steps", values: [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] },
  ),
  shared.number(
    { key: "grad_clip", label: "Gradient clipping", panel: "regularization", format: (v) => ((v as number) === 0 ? "off" : formatNumber(v as number)) },
    { kind: "steps", values: [0, 0.1, 0.3, 1, 3, 10, 30, 100] },
  ),
  shared.toggle({ key: "early_stopping", label: "Early stopping", panel: "regularization" }),
  shared.number({ key: "patience", label: "Patience (steps)", panel: "regularization", relevant: ({ config }) => config.early_stopping }, { kind: "number", step: 100 }),
  // The run
  shared.number(
    { key: "steps_per_second", label: "Speed", panel: "run", format: (v) => ((v as number) >= MAX_SPEED ? "max" : `${formatNumber(v as number)}/s`) },
    { kind: "steps", values: [1, 3, 10, 30, 100, 300, 1000, 3000, 10_000, 30_000, 100_000, MAX_SPEED] },
  ),
  shared.choice({ key: "init", label: "Initialization", panel: "run" }, labelled(INITIALIZER_NAMES, { uniform: "Uniform", xavier: "Xavier", he: "He", zeros: "Zeros" })),
  shared.number({ key: "seed", label: "Seed", panel: "run" }, { kind: "number", step: 1 }),
  // This page's view
  flag({ key: "log_scale", label: "Log scale", panel: "curves" }),
  flag({ key: "log_steps", label: "Log steps", panel: "curves" }),
];

/** Parts of the page that `hide=` can remove besides single settings; a lab adds its own. */
const SHELL_SECTIONS = ["playback", "inside", "landscape", "curves", "settings"] as const;

// -- the address -------------------------------------------------------------------

export interface UrlSettings {
  /** Every setting's value: the URL's where valid, else the default. */
  values: Map<string, Value>;
  /** Settings the URL named (validly), i.e. the ones to send to a new session. */
  given: Set<string>;
  /** "key: bad value" for each value that was not understood. */
  invalid: string[];
  hidden: Set<string>;
  present: boolean;
  /** The lab the address names (see labOf), kept as given for the links the page makes. */
  lab: string | undefined;
  session: string | undefined;
  /** A session to watch only (a shared view link). */
  view: string | undefined;
  /** The guided lesson to open (see lessons.ts), checked by the page. */
  lesson: string | undefined;
}

/** What the address says besides settings, for the links the page makes. */
export interface UrlExtras {
  lab?: string | undefined;
  session?: string | undefined;
  view?: string | undefined;
  hidden?: ReadonlySet<string>;
  present?: boolean;
  lesson?: string | undefined;
}

const RESERVED = new Set(["lab", "session", "view", "hide", "present", "lesson"]);

const nonEmpty = (text: string | null): string | undefined => (text === null || text === "" ? undefined : text);

/** The lab an address names (?lab=NAME), or undefined when it names none. */
export function labOf(query: string): string | undefined {
  return nonEmpty(new URLSearchParams(query).get("lab"));
}

/** Every setting of one lab's page: the lab's rows and the shell's. The session's settings
 *  come first, then this page's view settings, the lab's before the shell's in each: the
 *  order the page's address writes them in. */
export class SettingsTable {
  readonly settings: readonly Setting[];
  readonly byKey: ReadonlyMap<string, Setting>;
  /** Parts of the page that `hide=` can remove besides single settings. */
  readonly sections: readonly string[];

  /** `preset`: the shared settings a new session of the lab starts with (LAB_PRESETS),
   *  which are this page's defaults. */
  constructor(labSettings: readonly Setting[], labSections: readonly string[], preset: Readonly<Record<string, Value>> = {}) {
    const withPreset = (s: Setting): Setting => (s.scope === "config" && s.lab === null && s.key in preset ? { ...s, default: preset[s.key]! } : s);
    const all = [...labSettings, ...SHELL_SETTINGS].map(withPreset);
    this.settings = [...all.filter((s) => s.scope === "config"), ...all.filter((s) => s.scope === "view")];
    this.byKey = new Map(this.settings.map((s) => [s.key, s]));
    this.sections = [...SHELL_SECTIONS, ...labSections];
  }

  readUrl(query: string): UrlSettings {
    const params = new URLSearchParams(query);
    const values = new Map(this.settings.map((s) => [s.key, s.default]));
    const given = new Set<string>();
    const invalid: string[] = [];
    const hidden = new Set<string>();
    const hideable = (name: string): boolean => this.byKey.has(name) || this.sections.includes(name);

    for (const [key, text] of params) {
      if (RESERVED.has(key)) continue;
      if (key.endsWith("_hide")) {
        const name = key.slice(0, -"_hide".length);
        if (hideable(name) && text === "true") hidden.add(name);
        else if (!hideable(name) || text !== "false") invalid.push(`${key}=${text}`);
        continue;
      }
      const setting = this.byKey.get(key);
      const value = setting?.parse(text);
      if (setting === undefined || value === undefined) {
        invalid.push(`${key}=${text}`);
        continue;
      }
      values.set(key, value);
      given.add(key);
    }
    for (const name of (params.get("hide") ?? "").split(",").filter(Boolean)) {
      if (hideable(name)) hidden.add(name);
      else invalid.push(`hide=${name}`);
    }
    const present = params.get("present");
    if (present !== null && present !== "1" && present !== "0") invalid.push(`present=${present}`);
    return {
      values,
      given,
      invalid,
      hidden,
      present: present === "1",
      lab: labOf(query),
      session: nonEmpty(params.get("session")),
      view: nonEmpty(params.get("view")),
      lesson: nonEmpty(params.get("lesson")),
    };
  }

  /** The query for the current settings: only values that differ from the defaults. */
  writeUrl(values: ReadonlyMap<string, Value>, extra: UrlExtras): string {
    const params = new URLSearchParams();
    if (extra.lab !== undefined) params.set("lab", extra.lab);
    if (extra.session !== undefined) params.set("session", extra.session);
    if (extra.view !== undefined) params.set("view", extra.view);
    for (const setting of this.settings) {
      const value = values.get(setting.key);
      if (value === undefined) continue;
      const text = setting.serialize(value);
      if (text !== setting.serialize(setting.default)) params.set(setting.key, text);
    }
    if (extra.hidden !== undefined && extra.hidden.size > 0) params.set("hide", [...extra.hidden].join(","));
    if (extra.present) params.set("present", "1");
    if (extra.lesson !== undefined) params.set("lesson", extra.lesson);
    return params.toString().replace(/%2C/g, ",");
  }

  /** The session settings among `keys`, as the changes of one `set` message. */
  configChanges(values: ReadonlyMap<string, Value>, keys: Iterable<string>): ConfigChanges {
    const changes: Record<string, unknown> = {};
    const labs: Record<string, Record<string, Value>> = {};
    for (const key of keys) {
      const setting = this.byKey.get(key);
      const value = values.get(key);
      if (setting?.scope !== "config" || value === undefined) continue;
      if (setting.lab === null) changes[key] = value;
      else (labs[setting.lab] ??= { lab: setting.lab })[key] = value;
    }
    // A page shows one lab, so its settings name one lab part at most.
    for (const part of Object.values(labs)) changes.lab = part;
    return changes as ConfigChanges;
  }

  /** The session settings of a config, keyed by setting name. */
  configValues(config: Config): Map<string, Value> {
    const values = new Map<string, Value>();
    for (const setting of this.settings) {
      if (setting.scope !== "config") continue;
      const part = (setting.lab === null ? config : config.lab) as unknown as Record<string, Value>;
      values.set(setting.key, part[setting.key]!);
    }
    return values;
  }
}

/** Whether two values serialize alike (lists compared as the URL would write them). */
export function sameValue(setting: Setting, a: Value, b: Value): boolean {
  return setting.serialize(a) === setting.serialize(b);
}
