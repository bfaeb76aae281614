// The datasets the picker offers, each with a sketch of its points for the thumbnail.
// The sketches are drawn here from a few lines of geometry, not fetched: the server
// has no dataset-preview endpoint yet (see the report). Labels follow the protocol:
// +1/-1 for binary sets, class indices for multi-class ones, values for regression.

import type { Problem } from "./settings";

export type SamplePoint = [x1: number, x2: number, label: number];

export interface DatasetInfo {
  name: string;
  label: string;
  problem: Problem;
  classes: number;
  /** One point of the set, drawn with `random` (uniform in [0, 1)). */
  sample(random: () => number): SamplePoint;
}

const TAU = 2 * Math.PI;
const uniform = (random: () => number, low: number, high: number): number => low + random() * (high - low);
const polar = (r: number, t: number): [number, number] => [r * Math.sin(t), r * Math.cos(t)];
const pick = (random: () => number, n: number): number => Math.floor(random() * n);

function bumps(x1: number, x2: number): number {
  // Alternating bumps on a 3x2 grid; the strongest one nearby gives the value.
  let best = 0;
  for (const [cx, cy, sign] of [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]] as const) {
    const v = sign * Math.max(0, 1 - Math.hypot(x1 - cx, x2 - cy) / 2);
    if (Math.abs(v) > Math.abs(best)) best = v;
  }
  return best;
}

export const DATASETS: readonly DatasetInfo[] = [
  {
    name: "circle", label: "Circle", problem: "binary", classes: 2,
    sample: (r) => {
      const inner = r() < 0.5;
      return [...polar(inner ? uniform(r, 0, 2.5) : uniform(r, 3.5, 5), uniform(r, 0, TAU)), inner ? 1 : -1];
    },
  },
  {
    name: "xor", label: "Exclusive or", problem: "binary", classes: 2,
    sample: (r) => {
      const [x1, x2] = [uniform(r, -5, 5), uniform(r, -5, 5)].map((v) => v + Math.sign(v) * 0.3) as [number, number];
      return [x1, x2, x1 * x2 >= 0 ? 1 : -1];
    },
  },
  {
    name: "gauss", label: "Gaussian", problem: "binary", classes: 2,
    sample: (r) => {
      const label = r() < 0.5 ? 1 : -1;
      return [...polar(Math.abs(uniform(r, -1.4, 1.4)), uniform(r, 0, TAU)).map((v) => v + 2 * label) as [number, number], label];
    },
  },
  {
    name: "spiral", label: "Spiral", problem: "binary", classes: 2,
    sample: (r) => {
      const label = r() < 0.5 ? 1 : -1;
      const u = r();
      return [...polar(u * 5, 1.75 * u * TAU + (label > 0 ? 0 : Math.PI)), label];
    },
  },
  {
    name: "spiral3", label: "Three spirals", problem: "multiclass", classes: 3,
    sample: (r) => {
      const arm = pick(r, 3);
      const radius = uniform(r, 0.3, 5);
      return [...polar(radius, (1.25 * radius / 5) * TAU + (arm * TAU) / 3), arm];
    },
  },
  {
    name: "blobs4", label: "Four blobs", problem: "multiclass", classes: 4,
    sample: (r) => {
      const cls = pick(r, 4);
      const [cx, cy] = ([[2.5, 2.5], [-2.5, 2.5], [-2.5, -2.5], [2.5, -2.5]] as const)[cls]!;
      const [dx, dy] = polar(uniform(r, 0, 1.5), uniform(r, 0, TAU));
      return [cx + dx, cy + dy, cls];
    },
  },
  {
    name: "moons3", label: "Three moons", problem: "multiclass", classes: 3,
    sample: (r) => {
      const cls = pick(r, 3);
      const [cx, cy] = ([[-2, -0.5], [0, 0.8], [2, -0.5]] as const)[cls]!;
      const angle = uniform(r, 0, Math.PI);
      return [cx + 2.2 * Math.cos(angle), cy + (cls === 1 ? -2.2 : 2.2) * Math.sin(angle), cls];
    },
  },
  {
    name: "plane", label: "Plane", problem: "regression", classes: 0,
    sample: (r) => {
      const [x1, x2] = [uniform(r, -6, 6), uniform(r, -6, 6)];
      return [x1, x2, (x1 + x2) / 10];
    },
  },
  {
    name: "bumps", label: "Bumps", problem: "regression", classes: 0,
    sample: (r) => {
      const [x1, x2] = [uniform(r, -6, 6), uniform(r, -6, 6)];
      return [x1, x2, bumps(x1, x2)];
    },
  },
];

/** A small deterministic generator (a linear congruential one), so thumbnails never flicker. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `count` points of a dataset, the same every time. */
export function samplePoints(info: DatasetInfo, count = 120): SamplePoint[] {
  const random = seededRandom(info.name.length * 7919 + 17);
  return Array.from({ length: count }, () => info.sample(random));
}
