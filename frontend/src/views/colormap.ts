// The diverging colour map of the output plot and the data points: orange for -1,
// near-white for 0, blue for +1. Orange/blue stays distinct under the common forms of
// colour blindness, and the colours match TensorFlow Playground's, which users know.

export type RGB = readonly [number, number, number];

export const NEGATIVE: RGB = [0xf5, 0x93, 0x22]; // #f59322
export const NEUTRAL: RGB = [0xe8, 0xea, 0xeb]; // #e8eaeb
export const POSITIVE: RGB = [0x08, 0x77, 0xbd]; // #0877bd

export const cssColor = ([r, g, b]: RGB): string => `rgb(${r}, ${g}, ${b})`;

/** The colour of a value in [-1, 1] (clamped; NaN shows as neutral). */
export function divergingColor(value: number): RGB {
  if (Number.isNaN(value)) return NEUTRAL;
  const t = Math.max(-1, Math.min(1, value));
  const [from, weight] = t < 0 ? [NEGATIVE, -t] : [POSITIVE, t];
  const mix = (i: 0 | 1 | 2): number => Math.round(NEUTRAL[i] + (from[i] - NEUTRAL[i]) * weight);
  return [mix(0), mix(1), mix(2)];
}
