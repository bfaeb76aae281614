// The attention lab's rows of the settings table (the shell's are in shell/settings.ts):
// the task and its parameters, the Transformer, and what is worth comparing.

import { LAB_CONFIGS, LAB_CONSTANTS } from "../../protocol/constants";
import type { AttentionConfig } from "../../protocol/messages";
import type { Comparable } from "../../shell/compare/plan";
import { fieldsOf, labelled, shared, type Config, type Context, type Setting, type Value } from "../../shell/settings";

export const FIELDS = LAB_CONFIGS.attention;
const own = fieldsOf(FIELDS, "attention");

export type AttentionPart = Required<AttentionConfig>;
export type TaskName = AttentionPart["task"];

/** The attention lab's part of a session's config. */
export function attentionPart(config: Config): AttentionPart {
  if (config.lab.lab !== "attention") throw new Error(`not a session of the attention lab: ${config.lab.lab}`);
  return config.lab;
}

/** What each task asks, in one line (generated from the server's protocol). */
export const GOALS: Readonly<Record<TaskName, string>> = LAB_CONSTANTS.attention.task_goals;

const TASKS = labelled(Object.keys(GOALS) as TaskName[], { reverse: "Reverse", sort: "Sort", shift: "Shift", induction: "Induction (repeat)", modular: "Modular addition" });
const POSITIONS = labelled<AttentionPart["positions"]>(["learned", "sinusoidal"], { learned: "Learned", sinusoidal: "Sinusoidal" });
const NORMS = labelled<AttentionPart["norm"]>(["pre", "post"], { pre: "Before each sublayer (pre)", post: "After the residual sum (post)" });

const percent = (v: Value): string => `${Math.round((v as number) * 100)} %`;
const forTask =
  (...tasks: TaskName[]) =>
  ({ config }: Context): boolean =>
    tasks.includes(attentionPart(config).task);
const notModular = ({ config }: Context): boolean => attentionPart(config).task !== "modular";

export const ATTENTION_SETTINGS: readonly Setting[] = [
  // The task
  own.choice({ key: "task", label: "Task", panel: "attention-task" }, TASKS),
  own.number({ key: "vocabulary", label: "Tokens (vocabulary)", panel: "attention-data", relevant: notModular }, { kind: "number", step: 1 }),
  own.number({ key: "length", label: "Length (tokens)", panel: "attention-data", relevant: notModular }, { kind: "number", step: 1 }),
  own.number({ key: "shift", label: "Shift (places)", panel: "attention-data", relevant: forTask("shift") }, { kind: "number", step: 1 }),
  own.number({ key: "modulus", label: "Modulus p", panel: "attention-data", relevant: forTask("modular") }, { kind: "number", step: 1 }),
  own.number({ key: "train_share", label: "Training examples", panel: "attention-data", format: percent }, { kind: "range", step: 0.05 }),
  shared.number({ key: "batch_size", label: "Batch size", panel: "attention-data" }, { kind: "number", step: 1 }),
  own.number({ key: "data_seed", label: "Data seed", panel: "attention-data" }, { kind: "number", step: 1 }),
  own.number({ key: "probe", label: "Probe example", panel: "attention-probe" }, { kind: "number", step: 1 }),
  // The network
  own.number({ key: "layers", label: "Blocks", panel: "transformer" }, { kind: "number", step: 1 }),
  own.number({ key: "heads", label: "Heads", panel: "transformer" }, { kind: "number", step: 1 }),
  own.number({ key: "width", label: "Width", panel: "transformer" }, { kind: "number", step: 8 }),
  own.number({ key: "mlp", label: "MLP units (0: none)", panel: "transformer" }, { kind: "number", step: 16 }),
  own.choice({ key: "positions", label: "Positions", panel: "transformer" }, POSITIONS),
  own.choice({ key: "norm", label: "Layer norm", panel: "transformer" }, NORMS),
  own.toggle({ key: "causal", label: "Causal mask", panel: "transformer" }),
  own.number({ key: "dropout", label: "Dropout", panel: "transformer" }, { kind: "range", step: 0.05 }),
];

/** Parts of the attention lab's page that `hide=` can remove besides single settings. */
export const ATTENTION_SECTIONS = ["maps", "embeddings", "positions-score"] as const;

/** Settings worth comparing side by side, with values to suggest. */
export const COMPARABLE: readonly Comparable[] = [
  { key: "heads", suggest: "1|4" },
  { key: "weight_decay", suggest: "0|0.5" },
  { key: "layers", suggest: "1|2" },
  { key: "positions", suggest: "learned|sinusoidal" },
  { key: "norm", suggest: "pre|post" },
  { key: "learning_rate", suggest: "0.001|0.003" },
];
