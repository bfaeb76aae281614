// The 2D lab's rows of the settings table (the shell's are in shell/settings.ts): the data
// and its points, the input features, the network's layers, and this page's view of the
// plot and the diagram; with the names and bounds its views share, and what is worth
// comparing side by side.

import { ACTIVATION_NAMES, DATASET_NAMES, FEATURE_NAMES, LAB_CONFIGS } from "../../protocol/constants";
import type { Comparable } from "../../shell/compare/plan";
import type { PointsConfig } from "../../protocol/messages";
import { fieldsOf, flag, inRange, labelled, shared, type Config, type Option, type Setting, type Value } from "../../shell/settings";

const FIELDS = LAB_CONFIGS.points;

/** The 2D lab's part of a session's config. */
export function pointsPart(config: Config): Required<PointsConfig> {
  if (config.lab.lab !== "points") throw new Error(`not a session of the 2D lab: ${config.lab.lab}`);
  return config.lab;
}
/** The helpers of this lab's rows: their facts are its part of the config. */
const own = fieldsOf(FIELDS, "points");

export const MAX_LAYERS = FIELDS.hidden.maxItems;
export const MAX_NEURONS = FIELDS.hidden.items.max;

export const FEATURES = labelled(FEATURE_NAMES, {
  x1: "x₁",
  x2: "x₂",
  x1_sq: "x₁²",
  x2_sq: "x₂²",
  x1_x2: "x₁x₂",
  sin_x1: "sin(x₁)",
  sin_x2: "sin(x₂)",
});

export const ACTIVATIONS = labelled(ACTIVATION_NAMES, {
  relu: "ReLU",
  leaky_relu: "Leaky ReLU",
  elu: "ELU",
  gelu: "GELU",
  silu: "SiLU",
  tanh: "Tanh",
  sigmoid: "Sigmoid",
  softplus: "Softplus",
  sine: "Sine",
  linear: "Linear",
});

/** Dropout rates offered per layer, within the server's bounds. */
export const DROPOUT_RATES = [0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9] as const;

const percent = (v: Value): string => `${Math.round((v as number) * 100)} %`;

const sameAsLast = <T>(values: readonly T[]): readonly T[] => {
  // The server repeats a short list's last entry, so "relu,relu,relu" travels as "relu".
  let end = values.length;
  while (end > 1 && values[end - 1] === values[end - 2]) end--;
  return values.slice(0, end);
};

const withoutTrailingZeros = (values: readonly number[]): readonly number[] => {
  let end = values.length;
  while (end > 0 && values[end - 1] === 0) end--;
  return values.slice(0, end);
};

const itemOf = (options: readonly Option[]) => (text: string): string | undefined => (options.some((o) => o.value === text) ? text : undefined);

export const POINTS_SETTINGS: readonly Setting[] = [
  // The data
  // "custom" (the user's own points) cannot travel in a URL, so it is not offered here.
  // The picker draws this setting; the options only check a URL's value.
  { ...own.choice({ key: "dataset", label: "Dataset", panel: "data" }, DATASET_NAMES.map((name) => ({ value: name, label: name }))), widget: { kind: "custom" } },
  own.number({ key: "noise", label: "Noise", panel: "data", format: percent }, { kind: "range", step: 0.05 }),
  own.number({ key: "train_share", label: "Training data", panel: "data", format: percent }, { kind: "range", step: 0.1 }),
  shared.number({ key: "batch_size", label: "Batch size", panel: "data" }, { kind: "number", step: 1 }),
  own.number({ key: "data_seed", label: "Data seed", panel: "data" }, { kind: "number", step: 1 }),
  // The network
  { ...own.list({ key: "features", label: "Features", panel: "features" }, itemOf(FEATURES)), widget: { kind: "checklist", options: FEATURES } },
  own.list({ key: "hidden", label: "Hidden layers", panel: "network" }, inRange(FIELDS.hidden.items.min, FIELDS.hidden.items.max, FIELDS.hidden.items.integer)),
  own.list({ key: "activations", label: "Activation", panel: "network" }, itemOf(ACTIVATIONS), sameAsLast),
  own.list({ key: "dropout", label: "Dropout", panel: "network" }, inRange(FIELDS.dropout.items.min, FIELDS.dropout.items.max, FIELDS.dropout.items.integer), withoutTrailingZeros),
  // This page's view
  flag({ key: "show_test", label: "Show test data", panel: "plot" }),
  flag({ key: "discretize", label: "Discretize output", panel: "plot" }),
  flag({ key: "gradients", label: "Show gradients", panel: "diagram" }),
];

/** Parts of the 2D lab's page that `hide=` can remove besides single settings. */
export const POINTS_SECTIONS = ["network", "data"] as const;

/** Settings worth comparing side by side, with values to suggest. Seeds and data are shared by design. */
export const COMPARABLE: readonly Comparable[] = [
  { key: "optimizer", suggest: "sgd|adam" },
  { key: "learning_rate", suggest: "0.01|1" },
  { key: "activations", suggest: "sigmoid|relu" },
  { key: "hidden", suggest: "4,2|8,8,8" },
  { key: "batch_size", suggest: "1|10|100" },
  { key: "regularization_rate", suggest: "0|0.01" },
  { key: "init", suggest: "uniform|xavier|zeros" },
  { key: "loss", suggest: "mse|log" },
  { key: "momentum", suggest: "0|0.9" },
  { key: "schedule", suggest: "constant|cosine" },
];
