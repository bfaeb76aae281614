// The sequences lab's rows of the settings table (the shell's are in shell/settings.ts):
// the task and its parameters, the recurrent network, and what is worth comparing.

import { LAB_CONFIGS, LAB_CONSTANTS } from "../../protocol/constants";
import type { SequencesConfig } from "../../protocol/messages";
import type { Comparable } from "../../shell/compare/plan";
import { fieldsOf, labelled, shared, type Config, type Context, type Setting, type Value } from "../../shell/settings";

export const FIELDS = LAB_CONFIGS.sequences;
const own = fieldsOf(FIELDS, "sequences");

export type SequencesPart = Required<SequencesConfig>;
export type TaskName = SequencesPart["task"];
export type CellName = SequencesPart["cell"];

/** The sequences lab's part of a session's config. */
export function sequencesPart(config: Config): SequencesPart {
  if (config.lab.lab !== "sequences") throw new Error(`not a session of the sequences lab: ${config.lab.lab}`);
  return config.lab;
}

/** What each task asks, in one line (generated from the server's protocol). Typed as a
 *  Record, so a task the server adds fails to compile until it has its line. */
export const GOALS: Readonly<Record<TaskName, string>> = LAB_CONSTANTS.sequences.task_goals;

const TASKS = labelled(Object.keys(GOALS) as TaskName[], { echo: "Echo", parity: "Parity", adding: "Adding problem", wave: "Wave", text: "Text" });
export const CELLS = labelled<CellName>(["rnn", "lstm", "gru"], { rnn: "Plain RNN", lstm: "LSTM", gru: "GRU" });

/** Each cell's gates, in the order of the frames' gate_values (generated). */
export const GATES: Readonly<Record<CellName, readonly string[]>> = LAB_CONSTANTS.sequences.gates;

const percent = (v: Value): string => `${Math.round((v as number) * 100)} %`;
const forTask =
  (...tasks: TaskName[]) =>
  ({ config }: Context): boolean =>
    tasks.includes(sequencesPart(config).task);

export const SEQUENCES_SETTINGS: readonly Setting[] = [
  // The task
  own.choice({ key: "task", label: "Task", panel: "sequences-task" }, TASKS),
  own.number({ key: "length", label: "Length (steps)", panel: "sequences-data" }, { kind: "number", step: 1 }),
  own.number({ key: "delay", label: "Delay (steps back)", panel: "sequences-data", relevant: forTask("echo") }, { kind: "number", step: 1 }),
  own.number({ key: "noise", label: "Noise", panel: "sequences-data", relevant: forTask("wave") }, { kind: "range", step: 0.05 }),
  own.text({ key: "text", label: "Text to learn", panel: "sequences-text", relevant: forTask("text") }),
  own.number({ key: "train_share", label: "Training sequences", panel: "sequences-data", format: percent }, { kind: "range", step: 0.1 }),
  shared.number({ key: "batch_size", label: "Batch size", panel: "sequences-data" }, { kind: "number", step: 1 }),
  own.number({ key: "data_seed", label: "Data seed", panel: "sequences-data" }, { kind: "number", step: 1 }),
  own.number({ key: "probe", label: "Probe sequence", panel: "sequences-probe" }, { kind: "number", step: 1 }),
  own.number({ key: "temperature", label: "Temperature", panel: "sequences-sample", relevant: forTask("text") }, { kind: "range", step: 0.1 }),
  // The network
  own.choice({ key: "cell", label: "Cell", panel: "recurrent" }, CELLS),
  own.number({ key: "layers", label: "Layers", panel: "recurrent" }, { kind: "number", step: 1 }),
  own.number({ key: "hidden", label: "Units per layer", panel: "recurrent" }, { kind: "number", step: 1 }),
  own.number({ key: "bptt", label: "Backprop window (0: all steps)", panel: "recurrent" }, { kind: "number", step: 1 }),
];

/** Parts of the sequences lab's page that `hide=` can remove besides single settings. */
export const SEQUENCES_SECTIONS = ["states", "gates", "gradient-time", "positions"] as const;

/** Settings worth comparing side by side, with values to suggest. */
export const COMPARABLE: readonly Comparable[] = [
  { key: "cell", suggest: "rnn|lstm" },
  { key: "hidden", suggest: "4|16" },
  { key: "bptt", suggest: "0|5" },
  { key: "layers", suggest: "1|2" },
  { key: "learning_rate", suggest: "0.003|0.01" },
  { key: "optimizer", suggest: "sgd|adam" },
];
