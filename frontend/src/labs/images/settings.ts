// The images lab's rows of the settings table (the shell's are in shell/settings.ts): the
// data and the probe, the convolutional network, and what is worth comparing.

import { LAB_CONFIGS } from "../../protocol/constants";
import type { ImagesConfig } from "../../protocol/messages";
import type { Comparable } from "../../shell/compare/plan";
import { fieldsOf, inRange, labelled, shared, type Config, type Setting, type Value } from "../../shell/settings";
import { ACTIVATIONS } from "../points/settings";

export const FIELDS = LAB_CONFIGS.images;
const own = fieldsOf(FIELDS, "images");

/** The images lab's part of a session's config. */
export function imagesPart(config: Config): Required<ImagesConfig> {
  if (config.lab.lab !== "images") throw new Error(`not a session of the images lab: ${config.lab.lab}`);
  return config.lab;
}

const percent = (v: Value): string => `${Math.round((v as number) * 100)} %`;
const integers = (facts: { min: number; max: number }) => inRange(facts.min, facts.max, true);

export const IMAGES_SETTINGS: readonly Setting[] = [
  // The data
  own.number({ key: "train_share", label: "Training data", panel: "images-data", format: percent }, { kind: "range", step: 0.1 }),
  shared.number({ key: "batch_size", label: "Batch size", panel: "images-data" }, { kind: "number", step: 1 }),
  own.number({ key: "data_seed", label: "Data seed", panel: "images-data" }, { kind: "number", step: 1 }),
  own.pick({ key: "shift", label: "Random shifts", panel: "images-data", format: (v) => ((v as number) === 0 ? "off" : `±${v as number} px`) }),
  own.pick({ key: "rotate", label: "Random turns", panel: "images-data", format: (v) => ((v as number) === 0 ? "off" : `±${v as number}°`) }),
  own.number({ key: "probe", label: "Probe image", panel: "probe" }, { kind: "number", step: 1 }),
  // The network
  own.list({ key: "filters", label: "Filters per layer", panel: "convolutions" }, integers(FIELDS.filters.items)),
  own.pick({ key: "kernel", label: "Kernel", panel: "convolutions" }),
  own.pick({ key: "stride", label: "Stride", panel: "convolutions" }),
  own.choice({ key: "padding", label: "Padding", panel: "convolutions" }, labelled(["same", "valid"], { same: "Same", valid: "Valid" })),
  own.choice({ key: "pooling", label: "Pooling", panel: "convolutions" }, labelled(["none", "max", "avg"], { none: "None", max: "Max 2 x 2", avg: "Average 2 x 2" })),
  own.choice({ key: "activation", label: "Activation", panel: "convolutions" }, ACTIVATIONS),
  own.list({ key: "dense", label: "Dense layers", panel: "convolutions" }, integers(FIELDS.dense.items)),
  own.number({ key: "dropout", label: "Dropout", panel: "convolutions", format: percent }, { kind: "range", step: 0.1 }),
];

/** Parts of the images lab's page that `hide=` can remove besides single settings. */
export const IMAGES_SECTIONS = ["filters", "maps", "mistakes"] as const;

/** Settings worth comparing side by side, with values to suggest. */
export const COMPARABLE: readonly Comparable[] = [
  { key: "pooling", suggest: "none|max" },
  { key: "optimizer", suggest: "sgd|adam" },
  { key: "filters", suggest: "4|8,16" },
  { key: "learning_rate", suggest: "0.001|0.01" },
  { key: "dropout", suggest: "0|0.5" },
  { key: "kernel", suggest: "3|5" },
];
