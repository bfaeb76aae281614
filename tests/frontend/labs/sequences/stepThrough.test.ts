// The sequences lab's step-through: a `step_explanation` answer laid out as the server's
// codec lays it out (codec.py: a length word, the JSON header, each array at its 8-byte
// aligned offset), with the numbers an LSTM, a GRU and a plain RNN compute (network.py's
// equations, done here in float64 and sent as float32); the equations the panel writes
// out, whose shown numbers must satisfy the cell's arithmetic within their rounding; how
// far back a weight's gradient reaches; and when the panel asks the server.
import { describe, expect, it } from "vitest";

import { Asker, type Moment } from "../../../../frontend/src/shell/asking";
import { cellAt } from "../../../../frontend/src/labs/sequences/views/states";
import { describeInput } from "../../../../frontend/src/labs/sequences/views/stepTable";
import { clicked, columnOf, equations, PARTS, reach, StepExplanation, weightName } from "../../../../frontend/src/labs/sequences/stepThrough";
import { decodeBinary, type DecodedStepExplanation } from "../../../../frontend/src/protocol/codec";
import { binaryMessage, type TestArrays } from "../../binaryMessage";

/** A step_explanation message as the server encodes it. */
const message = (header: Record<string, unknown>, arrays: TestArrays): ArrayBuffer => binaryMessage({ kind: "step_explanation", ...header }, arrays);

type Cell = "rnn" | "lstm" | "gru";
const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** One step of `cell` with H units computed from made-up sums, as network.py computes it. */
function answer(cell: Cell, replyTo = 7, units = 3): ArrayBuffer {
  const parts = PARTS[cell];
  const x = [0, 1, 0]; // a one-hot symbol
  const hPrev = Array.from({ length: units }, (_, j) => 0.3 - 0.25 * j);
  const cPrev = cell === "lstm" ? Array.from({ length: units }, (_, j) => -0.8 + 0.7 * j) : hPrev;
  const sums = parts.map((_, p) => Array.from({ length: units }, (_, j) => 0.9 * Math.sin(1 + p * 3 + j * 1.7)));
  const values = sums.map((row, p) => row.map((s) => (parts[p] === "candidate" ? Math.tanh(s) : sigmoid(s))));
  const v = (name: string, j: number): number => values[parts.indexOf(name)]![j]!;
  const cNew = hPrev.map((_, j) => (cell === "lstm" ? v("forget", j) * cPrev[j]! + v("input", j) * v("candidate", j) : Number.NaN));
  const hNew = hPrev.map((h, j) => (cell === "lstm" ? v("output", j) * Math.tanh(cNew[j]!) : cell === "gru" ? (1 - v("update", j)) * h + v("update", j) * v("candidate", j) : v("candidate", j)));
  const byStep = [0, 1e-6, -2e-5, 1e-4, 3e-3, -1e-2, 0.05];
  const header = { reply_to: replyTo, step: 120, layer: 0, time: 4, weight: "u", row: 1, column: parts.indexOf("candidate") * units + 1, cell, parts, loss: 0.69, gradient: byStep.reduce((a, b) => a + b, 0) };
  return message(header, {
    cell_input: { shape: [x.length], values: x },
    previous_hidden: { shape: [units], values: hPrev },
    previous_cell: { shape: [units], values: cPrev },
    sums: { shape: [parts.length, units], values: sums.flat() },
    values: { shape: [parts.length, units], values: values.flat() },
    new_cell: { shape: [units], values: cell === "lstm" ? cNew : hNew },
    new_hidden: { shape: [units], values: hNew },
    gradient_by_step: { shape: [byStep.length], values: byStep },
  });
}

const read = (cell: Cell): StepExplanation => new StepExplanation(decodeBinary(answer(cell)) as DecodedStepExplanation);

/** The numbers an equation's text puts in, in order: after its symbolic form ("a = f(b) =
 *  numbers"); "−" is a minus, "(−0.5)" reads −0.5. */
const numbers = (text: string): number[] =>
  [
    ...text
      .split(" = ")
      .slice(2)
      .join(" = ")
      .replaceAll("−", "-")
      .replaceAll("- ", "-") // "(1 − 0.3)": read as 1 and −0.3, summed below where it matters
      .matchAll(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g),
  ].map((m) => Number(m[0]));
/** Equal within the rounding of shown numbers of four significant digits. */
const close = (a: number, b: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(2e-3 * Math.max(1, Math.abs(b)));

describe("a step_explanation answer", () => {
  it("decodes with the header's fields and the arrays in their shapes", () => {
    const decoded = decodeBinary(answer("lstm"));
    expect(decoded.kind).toBe("step_explanation");
    const e = new StepExplanation(decoded as DecodedStepExplanation);
    expect([e.step, e.layer, e.time, e.weight, e.row, e.column, e.cell]).toEqual([120, 0, 4, "u", 1, 2 * 3 + 1, "lstm"]);
    expect(e.parts).toEqual(["input", "forget", "candidate", "output"]);
    expect(e.units).toBe(3);
    expect([...e.input]).toEqual([0, 1, 0]);
    expect(e.sum(2, 1)).toBeCloseTo(0.9 * Math.sin(1 + 6 + 1.7), 6);
    expect(e.value(2, 1)).toBeCloseTo(Math.tanh(e.sum(2, 1)), 6);
    expect(e.byStep.length).toBe(7);
    expect(e.gradient).toBeCloseTo([...e.byStep].reduce((a, b) => a + b, 0), 6);
  });

  it("refuses an answer whose arrays do not fit its parts", () => {
    const bytes = answer("gru");
    const decoded = decodeBinary(bytes) as DecodedStepExplanation;
    decoded.header.parts = ["update", "reset"]; // two parts, but sums hold three
    expect(() => new StepExplanation(decoded)).toThrow(/sums is missing or has the wrong length/);
  });

  it("reads a loss or gradient the server could not put as a number as NaN", () => {
    const decoded = decodeBinary(answer("rnn")) as DecodedStepExplanation;
    decoded.header.loss = null;
    expect(new StepExplanation(decoded).loss).toBeNaN();
  });
});

describe("the equations as the panel writes them out", () => {
  it("LSTM: each gate's sum through σ, the candidate's through tanh, c = f·c₋ + i·g and h = o·tanh(c), as shown", () => {
    const e = read("lstm");
    for (let j = 0; j < e.units; j++) {
      const lines = equations(e, j);
      expect(lines.map((l) => l.name)).toEqual(["i", "f", "g", "o", "c", "h"]);
      const shown = Object.fromEntries(lines.map((l) => [l.name, numbers(l.text)]));
      // "i = σ(x·Wi + h₋·Ui + bi) = σ(s) = v": the activation of the shown sum is the shown value.
      for (const [name, f] of [["i", sigmoid], ["f", sigmoid], ["g", Math.tanh], ["o", sigmoid]] as const) {
        const [s, v] = shown[name]!;
        close(f(s!), v!);
      }
      expect(lines[4]!.text).toMatch(/^c = f·c₋ \+ i·g = /);
      const [f, cPrev, i, g, c] = shown["c"]!;
      close(f! * cPrev! + i! * g!, c!);
      expect([f, i, g].map(Number)).toEqual([shown["f"]![1], shown["i"]![1], shown["g"]![1]]);
      const [o, c2, h] = shown["h"]!;
      expect(lines[5]!.text).toMatch(/^h = o·tanh\(c\) = /);
      close(o! * Math.tanh(c2!), h!);
      close(h!, e.newHidden[j]!);
    }
  });

  it("GRU: the candidate reads r⊙h₋, and h = (1 − z)·h₋ + z·n, as shown", () => {
    const e = read("gru");
    const lines = equations(e, 2);
    expect(lines.map((l) => l.name)).toEqual(["z", "r", "n", "h"]);
    expect(lines[2]!.text).toMatch(/^n = tanh\(x·Wn \+ \(r⊙h₋\)·Un \+ bn\) = tanh\(/);
    const [one, minusZ, hPrev, z, n, h] = numbers(lines[3]!.text);
    expect(one).toBe(1);
    expect(minusZ).toBe(-z!);
    close((one! + minusZ!) * hPrev! + z! * n!, h!);
    close(h!, e.newHidden[2]!);
  });

  it("plain RNN: one part, h = tanh(x·W + h₋·U + b)", () => {
    const e = read("rnn");
    const lines = equations(e, 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toMatch(/^h = tanh\(x·W \+ h₋·U \+ b\) = tanh\(/);
    const [s, h] = numbers(lines[0]!.text);
    close(Math.tanh(s!), h!);
  });

  it("names a one-hot input by the index it marks, other inputs by their values", () => {
    expect(describeInput(new Float32Array([0, 1, 0]))).toBe("one-hot: input 2 of 3 is 1, the others 0");
    expect(describeInput(new Float32Array([0.5, -0.25]))).toBe("[0.5, −0.25]");
  });
});

describe("the weight backpropagation through time is shown for", () => {
  it("is picked by a click on unit j as u[j → candidate of j], in every cell's column order", () => {
    const pick = clicked(1, 5, 3);
    expect(pick).toEqual({ layer: 1, time: 5, unit: 3, weight: "u", row: 3, part: "candidate" });
    expect(columnOf(pick, "rnn", 16)).toBe(3);
    expect(columnOf(pick, "lstm", 16)).toBe(2 * 16 + 3);
    expect(columnOf(pick, "gru", 16)).toBe(2 * 16 + 3);
    // A part the new cell lacks stands for the candidate.
    expect(columnOf({ ...pick, part: "forget" }, "lstm", 16)).toBe(16 + 3);
    expect(columnOf({ ...pick, part: "forget" }, "gru", 16)).toBe(2 * 16 + 3);
    expect(weightName("u", 3, "candidate", 3, "lstm")).toBe("u[h₋ of unit 4 → candidate of unit 4]");
    expect(weightName("w", 0, "candidate", 2, "rnn")).toBe("w[input 1 → unit 3]");
  });

  it("comes from the steps that hold 90 % of its size, counted back from the last", () => {
    expect(reach([0, 1e-6, -2e-5, 1e-4, 3e-3, -1e-2, 0.05])).toBe(5); // the last two steps
    expect(reach([1, 1, 1, 1])).toBe(0);
    expect(reach([0, 0, 0])).toBeNull();
    expect(reach([0, 0, 5])).toBe(2);
  });

  it("is under the click's cell on a map CSS stretched, border left out", () => {
    // A 20-step, 16-unit map drawn 400 x 160 CSS pixels.
    expect(cellAt(0, 0, 400, 160, 20, 16)).toEqual([0, 0]);
    expect(cellAt(399, 159, 400, 160, 20, 16)).toEqual([19, 15]);
    expect(cellAt(105, 35, 400, 160, 20, 16)).toEqual([5, 3]);
    expect(cellAt(-3, 500, 400, 160, 20, 16)).toEqual([0, 15]);
  });
});

describe("asking the server", () => {
  /** An asker whose questions get ids 1, 2, … (null while offline). */
  function asker(): { ask: Asker; sent: number[]; offline: { on: boolean } } {
    const sent: number[] = [];
    const offline = { on: false };
    return { ask: new Asker(() => (offline.on ? null : (sent.push(sent.length + 1), sent.length)), 250), sent, offline };
  }
  const at = (now: number, question = "q1", frame = "10:1", playing = true, shape = "s"): Moment => ({ question, frame, shape, playing, now });

  it("keeps one question in flight, and asks a changed pick once the answer is in", () => {
    const { ask, sent } = asker();
    expect(ask.update(at(0))).toBe(true);
    expect(ask.update(at(1, "q2"))).toBe(false); // one in flight
    expect(ask.update(at(2, "q3", "11:1"))).toBe(false);
    expect(ask.answered(99)).toBe(false); // not ours
    expect(ask.answered(1)).toBe(true);
    expect(ask.update(at(3, "q3", "11:1"))).toBe(true); // the newest pick, at once
    expect(sent).toEqual([1, 2]);
  });

  it("asks again as training moves on: at most every 250 ms while playing, each new frame while paused", () => {
    const { ask, sent } = asker();
    ask.update(at(0));
    ask.answered(1);
    expect(ask.update(at(10))).toBe(false); // nothing new
    expect(ask.update(at(100, "q1", "12:1"))).toBe(false); // playing: too soon
    expect(ask.update(at(260, "q1", "13:1"))).toBe(true);
    ask.answered(2);
    expect(ask.update(at(270, "q1", "13:2", false))).toBe(true); // paused: each new frame
    ask.answered(3);
    expect(ask.update(at(275, "q1", "13:2", false))).toBe(false);
    expect(sent).toHaveLength(3);
  });

  it("holds a refused question until the pick or the network changes", () => {
    const { ask } = asker();
    ask.update(at(0));
    expect(ask.refused(1)).toBe(true);
    expect(ask.update(at(1000, "q1", "20:1"))).toBe(false); // the same refusal would come
    expect(ask.update(at(1001, "q1", "20:1", true, "s2"))).toBe(true); // a new network
    ask.refused(2);
    expect(ask.update(at(1002, "q2", "20:1", true, "s2"))).toBe(true); // another pick
  });

  it("forgets the question in flight on a reconnect, and asks it anew", () => {
    const { ask, sent, offline } = asker();
    ask.update(at(0));
    ask.reconnected();
    expect(ask.answered(1)).toBe(false); // the old socket's answer is no longer awaited
    offline.on = true;
    expect(ask.update(at(1))).toBe(false); // offline: nothing sent, nothing awaited
    expect(ask.pending).toBeNull();
    offline.on = false;
    expect(ask.update(at(2))).toBe(true);
    expect(sent).toEqual([1, 2]);
  });

  it("keeps a question in flight through closing and opening the panel: never two at once", () => {
    const { ask } = asker();
    ask.update(at(0));
    ask.reset();
    expect(ask.update(at(1))).toBe(false);
    ask.answered(1);
    expect(ask.update(at(2))).toBe(true); // opened again: asked afresh
  });
});
