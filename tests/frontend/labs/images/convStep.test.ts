// The images lab's convolution step-through: a `conv_explanation` answer laid out as the
// server's codec lays it out (codec.py: a length word, the JSON header, each array at its
// 8-byte aligned offset), with a convolution computed here in float64 and sent as float32;
// what the panel reads of it, and the arithmetic it writes out, whose shown numbers must
// add up within their rounding; the pick a map's cell makes; the sides the server allows.
import { describe, expect, it } from "vitest";

import { arithmetic, ConvExplanation, convSides, pickOfCell, poolingNote } from "../../../../frontend/src/labs/images/convStep";
import { CodecError, decodeBinary, type DecodedConvExplanation } from "../../../../frontend/src/protocol/codec";
import { binaryMessage as encode } from "../../binaryMessage";

const SIDE = 8;
const relu = (v: number): number => Math.max(v, 0);

/** Filter 0 of a 3 x 3, same-padded, stride-1 convolution of a made-up (8, 8, C) input at
 *  (row, column), computed pixel by pixel as network.py's convolution does, with its 2 x 2
 *  pooling; as the server would answer it. */
function answer(row: number, column: number, channels: number, pooling: "max" | "avg" | "none", poolWindow = true): ArrayBuffer {
  const k = 3;
  const input = (r: number, c: number, ch: number): number => (r < 0 || c < 0 || r >= SIDE || c >= SIDE ? 0 : Math.sin(r * 1.3 + c * 0.7 + ch * 2.1));
  const weight = (i: number, j: number, ch: number): number => 0.4 * Math.cos(i * 2.3 - j * 1.1 + ch);
  const bias = -0.125;
  const pre = (r: number, c: number): number => {
    let total = bias;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) for (let ch = 0; ch < channels; ch++) total += input(r - 1 + i, c - 1 + j, ch) * weight(i, j, ch);
    return total;
  };
  const window: number[] = [];
  const kernel: number[] = [];
  const products: number[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      for (let ch = 0; ch < channels; ch++) {
        window.push(input(row - 1 + i, column - 1 + j, ch));
        kernel.push(weight(i, j, ch));
        products.push(input(row - 1 + i, column - 1 + j, ch) * weight(i, j, ch));
      }
    }
  }
  const r0 = 2 * Math.floor(row / 2);
  const c0 = 2 * Math.floor(column / 2);
  const block = [relu(pre(r0, c0)), relu(pre(r0, c0 + 1)), relu(pre(r0 + 1, c0)), relu(pre(r0 + 1, c0 + 1))];
  const inPool = pooling !== "none" && poolWindow;
  const pooled = pooling === "max" ? Math.max(...block) : block.reduce((a, b) => a + b, 0) / 4;
  const header = {
    kind: "conv_explanation", reply_to: 5, step: 300, layer: channels > 1 ? 1 : 0, filter: 0, row, column, kernel: k, stride: 1, padding: "same", activation_name: "relu", pooling,
    input_row: row - 1, input_column: column - 1, input_side: SIDE, sum: products.reduce((a, b) => a + b, 0), bias, pre_activation: pre(row, column), activation: relu(pre(row, column)),
    pooled: inPool ? pooled : null, pool_row: inPool ? row >> 1 : null, pool_column: inPool ? column >> 1 : null,
  };
  const shape = [k, k, channels];
  return encode(header, { window: { shape, values: window }, kernel: { shape, values: kernel }, products: { shape, values: products }, pool_window: inPool ? { shape: [2, 2], values: block } : { shape: [0, 0], values: [] } });
}

const read = (buffer: ArrayBuffer): ConvExplanation => new ConvExplanation(decodeBinary(buffer) as DecodedConvExplanation);

/** The numbers a line puts in after its symbolic form, a minus sign read as -. */
function shown(text: string, from: number): number[] {
  const numeric = text.split(" = ").slice(from).join(" = ").replaceAll("−", "-");
  return [...numeric.matchAll(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g)].map((m) => Number(m[0]));
}

describe("a conv_explanation answer", () => {
  it("decodes into the window, kernel and products, the zero padding marked", () => {
    const e = read(answer(0, 7, 1, "max"));
    expect(decodeBinary(answer(0, 7, 1, "max")).kind).toBe("conv_explanation");
    expect([e.layer, e.filter, e.row, e.column, e.kernel, e.channels, e.step]).toEqual([0, 0, 0, 7, 3, 1, 300]);
    // The top row and the right column reach past the 8 x 8 input: padding, zeros.
    expect(e.padded(0, 1)).toBe(true);
    expect(e.padded(1, 2)).toBe(true);
    expect(e.padded(1, 1)).toBe(false);
    expect(e.at("window", 0, 1, 0)).toBe(0);
    expect(e.at("window", 1, 1, 0)).toBeCloseTo(Math.sin(7 * 0.7), 6);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(e.at("products", i, j, 0)).toBeCloseTo(e.at("window", i, j, 0) * e.at("kernel", i, j, 0), 6);
    expect(e.channelSum(0)).toBeCloseTo(e.sum, 5);
    expect([e.poolRow, e.poolColumn]).toEqual([0, 3]);
  });

  it("reads a layer of many channels channel by channel, adding up to the sum", () => {
    const e = read(answer(3, 4, 3, "avg"));
    expect(e.channels).toBe(3);
    expect(e.at("window", 2, 0, 2)).toBeCloseTo(Math.sin(4 * 1.3 + 3 * 0.7 + 2 * 2.1), 6);
    expect(e.channelSum(0) + e.channelSum(1) + e.channelSum(2)).toBeCloseTo(e.sum, 5);
  });

  it("refuses arrays of the wrong length as a codec error", () => {
    const bad = decodeBinary(answer(1, 1, 1, "max")) as DecodedConvExplanation;
    bad.arrays.set("kernel", { spec: bad.arrays.get("kernel")!.spec, values: new Float32Array(4) });
    expect(() => new ConvExplanation(bad)).toThrow(CodecError);
  });
});

describe("the arithmetic the panel writes out", () => {
  for (const [pooling, channels] of [["max", 1], ["avg", 3], ["none", 2]] as const) {
    it(`adds up in the numbers shown (${pooling} pooling, ${channels} channel${channels > 1 ? "s" : ""})`, () => {
      const e = read(answer(5, 2, channels, pooling));
      const lines = Object.fromEntries(arithmetic(e).map((l) => [l.name, l.text]));
      const [sum] = shown(lines.sum!, 2); // after "Σ window × kernel (n products)"
      expect(sum).toBeCloseTo(e.sum, 3);
      // pre-activation = sum + bias = S + B = P: S + B is P, within the shown rounding.
      expect(lines.pre).toMatch(/^pre-activation = sum \+ bias = /);
      const [s, b, p] = shown(lines.pre!, 2);
      expect(s).toBe(sum);
      expect(b).toBe(-0.125);
      expect(Math.abs(s! + b! - p!)).toBeLessThanOrEqual(2e-3 * Math.max(1, Math.abs(p!)));
      const [pre, activation] = shown(lines.activation!, 1);
      expect(lines.activation).toMatch(/^activation = relu\(/);
      expect(pre).toBe(p);
      expect(activation).toBeCloseTo(relu(p!), 3);
      if (pooling === "none") {
        expect(lines.pool).toBeUndefined();
        expect(poolingNote(e)).toContain("No pooling");
        return;
      }
      const values = shown(lines.pool!, 1);
      const pooled = values.pop()!;
      const block = values.slice(0, 4); // (an average's "/ 4" follows)
      expect(block).toHaveLength(4);
      const expected = pooling === "max" ? Math.max(...block) : block.reduce((a, v) => a + v, 0) / 4;
      expect(Math.abs(pooled - expected)).toBeLessThanOrEqual(2e-3 * Math.max(1, Math.abs(pooled)));
      expect(lines.pool).toContain(pooling === "max" ? "max(" : ") / 4");
      expect(poolingNote(e)).toBeNull();
    });
  }

  it("says why an odd last row has no pooled value", () => {
    const e = read(answer(7, 2, 1, "max", false));
    expect(arithmetic(e).map((l) => l.name)).toEqual(["sum", "pre", "activation"]);
    expect(poolingNote(e)).toContain("leaves this odd last row or column out");
    expect(e.pooled).toBeNaN();
  });
});

describe("what the step-through asks", () => {
  it("picks the top-left of the 2 x 2 pooled into a map's cell", () => {
    expect(pickOfCell(1, 5, 2, 3, true)).toEqual({ layer: 1, filter: 5, row: 4, column: 6 });
    expect(pickOfCell(0, 0, 2, 3, false)).toEqual({ layer: 0, filter: 0, row: 2, column: 3 });
  });

  it("knows each layer's side before pooling as the server does", () => {
    expect(convSides(8, 2, 3, 1, "same", "max")).toEqual([8, 4]);
    expect(convSides(8, 2, 3, 2, "same", "none")).toEqual([4, 2]);
    expect(convSides(8, 1, 3, 2, "valid", "max")).toEqual([3]);
    expect(convSides(8, 2, 3, 1, "valid", "none")).toEqual([6, 4]);
  });
});
