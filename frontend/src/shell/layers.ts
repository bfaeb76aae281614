// What a frame says about each parameter layer (the hidden layers, then the output
// layer): its gradient norm, dead units and the histograms of its weights, gradients and
// activations, read from `layer_stats` and the `*_hist` arrays (declared with their
// columns in protocol/constants.ts); and the gradient norms over time.

import { declaredArray } from "../protocol/codec";
import { SampledHistory } from "./history";
import type { SharedFrame } from "./state";

const COLUMNS = declaredArray("frame", "layer_stats").columns;
const column = (name: (typeof COLUMNS)[number]): number => COLUMNS.indexOf(name);
/** Columns of a layer_stats row. */
export const STAT_COLUMNS = COLUMNS.length;
const GRAD_NORM = column("grad_norm");
const DEAD_UNITS = column("dead_units");

export const HISTOGRAMS = ["weights", "gradients", "activations"] as const;
export type HistogramKind = (typeof HISTOGRAMS)[number];
/** Where each histogram's limit sits in a layer_stats row. */
const LIMIT_COLUMN: Record<HistogramKind, number> = { weights: column("weight_limit"), gradients: column("grad_limit"), activations: column("activation_limit") };

/** Counts in equal bins over [-limit, limit]. */
export interface Histogram {
  counts: Float32Array;
  limit: number;
}

export interface LayerReading {
  /** Units of the layer (its outputs). */
  units: number;
  /** Norm of the layer's weight gradient on the whole training set. */
  gradNorm: number;
  /** Units whose output is 0 on every training point. */
  dead: number;
  histograms: Record<HistogramKind, Histogram>;
}

/** "Layer 1", "Layer 2", ..., "Output": parameter layer `layer` of `layers`. */
export const layerName = (layer: number, layers: number): string => (layer === layers - 1 ? "Output" : `Layer ${layer + 1}`);

/** Each parameter layer's reading, or null when the frame carries no statistics. */
export function layerReadings(frame: SharedFrame): LayerReading[] | null {
  const { layerStats: stats, histograms } = frame;
  const sizes = frame.header.layer_sizes;
  const layers = sizes.length - 1;
  if (stats === null || histograms === null || layers < 1 || stats.length < layers * STAT_COLUMNS) return null;
  const bins = histograms.weights.length / layers;
  return Array.from({ length: layers }, (_, l) => {
    const row = stats.subarray(l * STAT_COLUMNS, (l + 1) * STAT_COLUMNS);
    const histogram = (kind: HistogramKind): Histogram => ({ counts: histograms[kind].subarray(l * bins, (l + 1) * bins), limit: row[LIMIT_COLUMN[kind]]! });
    return {
      units: sizes[l + 1]!,
      gradNorm: row[GRAD_NORM]!,
      dead: row[DEAD_UNITS]!,
      histograms: { weights: histogram("weights"), gradients: histogram("gradients"), activations: histogram("activations") },
    };
  });
}

/** Each layer's gradient norm against step: one series per layer, started afresh when the
 *  network's shape changes (the series no longer mean the same layers) or the step goes back. */
export class GradientNormHistory extends SampledHistory {
  private shape = "";

  constructor(capacity?: number) {
    super(0, capacity);
  }

  append(frame: SharedFrame): void {
    const { layerStats: stats, header } = frame;
    if (stats === null) return;
    const shape = header.layer_sizes.join();
    if (shape !== this.shape) {
      this.shape = shape;
      this.clear(header.layer_sizes.length - 1);
    }
    this.record(header.step, this.columns.map((_, l) => stats[l * STAT_COLUMNS + GRAD_NORM]));
  }
}
