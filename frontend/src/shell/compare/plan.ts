// What a comparison runs: the page's settings (the same URL keys as the lab's page), one
// setting to vary and its values, and the steps each lockstep round takes. Everything else is
// shared, so every variant starts from the same data and the same initial weights.
//
//   compare.html?optimizer=sgd&noise=0.1&vary=optimizer&values=sgd|adam&round=20

import type { ConfigChanges } from "../../protocol/messages";
import type { SettingsTable, Value } from "../settings";

/** A setting worth comparing, with values to suggest (each lab lists its own). */
export interface Comparable {
  key: string;
  suggest: string;
}

/** What comparisons in one lab draw on: its settings table, the settings worth varying
 *  (the first is offered first), and the lab the address names, if any. */
export interface CompareSetup {
  table: SettingsTable;
  comparable: readonly Comparable[];
  lab: string | undefined;
}

export const MAX_VARIANTS = 4;
export const ROUND_STEPS = [1, 5, 20, 100] as const;
const KEYS = ["vary", "values", "round"];

export interface ComparePlan {
  vary: string;
  values: Value[];
  /** The shared settings: the URL's values, defaults for the rest. */
  base: Map<string, Value>;
  /** The settings the URL named, which a new session must be told. */
  given: Set<string>;
  stepsPerRound: number;
}

/** The plan in a compare page's query, or a message saying what is wrong with it. */
export function readPlan({ table, comparable }: CompareSetup, query: string): ComparePlan | string {
  const params = new URLSearchParams(query);
  const vary = params.get("vary") ?? "";
  if (!comparable.some((v) => v.key === vary)) return `vary must be one of ${comparable.map((v) => v.key).join(", ")}`;
  const setting = table.byKey.get(vary)!;
  const texts = (params.get("values") ?? "").split("|");
  if (texts.length < 2 || texts.length > MAX_VARIANTS) return `values: give 2 to ${MAX_VARIANTS}, separated by |`;
  const values: Value[] = [];
  for (const text of texts) {
    const value = setting.parse(text);
    if (value === undefined) return `values: ${JSON.stringify(text)} is not a valid ${setting.label.toLowerCase()}`;
    values.push(value);
  }
  const round = Number(params.get("round") ?? "20");
  if (!(ROUND_STEPS as readonly number[]).includes(round)) return `round must be one of ${ROUND_STEPS.join(", ")}`;
  for (const key of KEYS) params.delete(key);
  const url = table.readUrl(params.toString());
  if (url.invalid.length > 0) return `invalid settings: ${url.invalid.join(", ")}`;
  return { vary, values, base: url.values, given: url.given, stepsPerRound: round };
}

/** The query of a comparison from the lab's current settings. */
export function planQuery({ table, lab }: CompareSetup, current: ReadonlyMap<string, Value>, vary: string, values: string, stepsPerRound = 20): string {
  const params = new URLSearchParams(table.writeUrl(current, { lab }));
  params.set("vary", vary);
  params.set("values", values);
  params.set("round", String(stepsPerRound));
  return params.toString().replace(/%2C/g, ",").replace(/%7C/g, "|");
}

/** The `set` changes that turn a fresh session into variant `i`. */
export function variantChanges(table: SettingsTable, plan: ComparePlan, i: number): ConfigChanges {
  const values = new Map(plan.base).set(plan.vary, plan.values[i]!);
  return table.configChanges(values, new Set([...plan.given, plan.vary]));
}

/** A variant's name, e.g. "optimizer = adam". */
export function variantLabel(table: SettingsTable, plan: ComparePlan, i: number): string {
  const setting = table.byKey.get(plan.vary)!;
  const value = plan.values[i]!;
  return `${setting.label} = ${setting.format?.(value) ?? setting.serialize(value)}`;
}
