// Colours. Values use a diverging map: orange for -1, near-white for 0, blue for +1
// (TensorFlow Playground's colours, distinct under the common colour blindnesses).
// Classes use the Okabe-Ito palette, made for colour-blind readers, each lightened
// towards white where the network is unsure. Maps are painted through 256-entry
// lookup tables, one per range, so a frame costs one table read per pixel.

export type RGB = readonly [number, number, number];

export const NEGATIVE: RGB = [0xf5, 0x93, 0x22]; // #f59322
export const NEUTRAL: RGB = [0xe8, 0xea, 0xeb]; // #e8eaeb
export const POSITIVE: RGB = [0x08, 0x77, 0xbd]; // #0877bd
const WHITE: RGB = [0xff, 0xff, 0xff];

/** Okabe-Ito, ordered so that the first three or four are the most distinct. */
export const CLASS_COLORS: readonly RGB[] = [
  [0xe6, 0x9f, 0x00], // orange
  [0x56, 0xb4, 0xe9], // sky blue
  [0x00, 0x9e, 0x73], // bluish green
  [0xcc, 0x79, 0xa7], // reddish purple
  [0x00, 0x72, 0xb2], // blue
  [0xd5, 0x5e, 0x00], // vermillion
  [0xf0, 0xe4, 0x42], // yellow
  [0x59, 0x59, 0x59], // grey
];

export const cssColor = ([r, g, b]: RGB): string => `rgb(${r}, ${g}, ${b})`;

function mix(from: RGB, to: RGB, weight: number): RGB {
  const at = (i: 0 | 1 | 2): number => Math.round(from[i] + (to[i] - from[i]) * weight);
  return [at(0), at(1), at(2)];
}

/** The colour of a value in [-1, 1] (clamped; NaN shows as neutral). */
export function divergingColor(value: number): RGB {
  if (Number.isNaN(value)) return NEUTRAL;
  const t = Math.max(-1, Math.min(1, value));
  return t < 0 ? mix(NEUTRAL, NEGATIVE, -t) : mix(NEUTRAL, POSITIVE, t);
}

/** A class's colour at a confidence in [0, 1]: pale when unsure, full when sure. */
export function classColor(cls: number, confidence: number): RGB {
  const base = CLASS_COLORS[cls % CLASS_COLORS.length]!;
  return mix(WHITE, base, 0.15 + 0.85 * Math.max(0, Math.min(1, confidence)));
}

/** The real value of quantized level q of a map over [low, high]. */
export const level = (q: number, low: number, high: number): number => low + (q / 255) * (high - low);

/** RGBA for the 256 levels of a map over [low, high], each coloured by `color`. */
export function levelTable(low: number, high: number, color: (value: number) => RGB): Uint8ClampedArray {
  const table = new Uint8ClampedArray(256 * 4);
  for (let q = 0; q < 256; q++) {
    table.set(color(level(q, low, high)), q * 4);
    table[q * 4 + 3] = 255;
  }
  return table;
}

/** A copy of an RGBA `table` with every colour blended towards white by `amount` in [0, 1]. */
export function lighten(table: Uint8ClampedArray, amount: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(table);
  for (let i = 0; i < out.length; i += 4) out.set(mix([table[i]!, table[i + 1]!, table[i + 2]!], WHITE, amount), i);
  return out;
}

/** A value's colour, or only its sign's when `discrete`. */
export const valueColor = (discrete: boolean) => (value: number): RGB =>
  divergingColor(discrete ? Math.sign(value) : value);

/**
 * RGBA per (class, level) for multi-class outputs: entry c * 256 + q colours class c at
 * winning probability level q. A winning probability of 1/classes means no confidence.
 */
export function classTable(classes: number, low: number, high: number, discrete: boolean): Uint8ClampedArray {
  const table = new Uint8ClampedArray(classes * 256 * 4);
  const floor = 1 / Math.max(2, classes);
  for (let c = 0; c < classes; c++) {
    for (let q = 0; q < 256; q++) {
      const confidence = discrete ? 1 : (level(q, low, high) - floor) / (1 - floor);
      const at = (c * 256 + q) * 4;
      table.set(classColor(c, confidence), at);
      table[at + 3] = 255;
    }
  }
  return table;
}

/** Viridis from yellow-green to deep purple: for what is ordered by depth, first light, last dark. */
const DEPTH_STOPS: readonly RGB[] = [
  [0xb5, 0xde, 0x2b],
  [0x35, 0xb7, 0x79],
  [0x26, 0x82, 0x8e],
  [0x3e, 0x49, 0x89],
  [0x44, 0x01, 0x54],
];

/** The colour at t in [0, 1] (clamped) along DEPTH_STOPS. */
export function depthColor(t: number): RGB {
  const at = Math.max(0, Math.min(1, t)) * (DEPTH_STOPS.length - 1);
  const i = Math.min(DEPTH_STOPS.length - 2, Math.floor(at));
  return mix(DEPTH_STOPS[i]!, DEPTH_STOPS[i + 1]!, at - i);
}
