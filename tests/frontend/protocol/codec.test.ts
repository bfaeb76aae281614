// Decodes tests/fixtures/frame.bin, written by the Python encoder
// (tests/fixtures/make_frame.py), so both sides agree on the binary layout.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { CodecError, dataStart, decodeBinary, getArray, parseLenientJson } from "../../../frontend/src/protocol/codec";

const fixture = readFileSync(new URL("../../fixtures/frame.bin", import.meta.url));

/** A fresh, exactly sized ArrayBuffer, as a WebSocket delivers it. */
function asArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

function encode(header: object | string, data: Uint8Array = new Uint8Array()): ArrayBuffer {
  const json = new TextEncoder().encode(typeof header === "string" ? header : JSON.stringify(header));
  const out = new Uint8Array(dataStart(json.length) + data.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  out.set(data, dataStart(json.length));
  return out.buffer;
}

describe("decodeBinary on the Python-encoded fixture", () => {
  const decoded = decodeBinary(asArrayBuffer(fixture));

  it("reads the frame header", () => {
    expect(decoded.kind).toBe("frame");
    expect(decoded.header).toMatchObject({
      kind: "frame",
      step: 1234,
      epoch: 12.5,
      train_loss: 0.25,
      test_loss: 0.375,
      train_accuracy: 0.5,
      test_accuracy: null,
      learning_rate: 0.03,
      updates_per_s: 1000,
      layer_sizes: [2, 4, 2, 1],
      revision: 7,
      data_version: 1,
      playing: true,
    });
    expect([...decoded.arrays.keys()]).toEqual(["output", "points", "labels"]);
  });

  it("views the uint8 output grid in place with its range", () => {
    const output = getArray(decoded, "output", "uint8");
    expect(output?.spec).toEqual({
      name: "output", dtype: "uint8", shape: [3, 3], offset: 0, low: -1, high: 1,
    });
    expect(output?.values).toBeInstanceOf(Uint8Array);
    expect([...(output?.values ?? [])]).toEqual([0, 1, 127, 128, 200, 254, 255, 64, 32]);
  });

  it("reads float32 and int32 arrays at padded offsets", () => {
    const points = getArray(decoded, "points", "float32");
    expect(points?.spec.shape).toEqual([2, 2]);
    expect(points?.spec.offset).toBe(16);
    expect([...(points?.values ?? [])]).toEqual([0.5, -1.25, 3, -6]);
    const labels = getArray(decoded, "labels", "int32");
    expect(labels?.spec.offset).toBe(32);
    expect([...(labels?.values ?? [])]).toEqual([1, -1, 2147483647]);
  });

  it("places data at 4 + header length rounded up to 8", () => {
    const headerLength = fixture.readUInt32LE(0);
    const start = dataStart(headerLength);
    expect(start % 8).toBe(0);
    expect(start).toBeGreaterThan(4 + headerLength); // this fixture needs padding
    const output = getArray(decoded, "output", "uint8");
    expect(output?.values.byteOffset).toBe(start);
  });

  it("accepts a Node Buffer at any byte offset by copying it to alignment", () => {
    const shifted = new Uint8Array(fixture.length + 3).subarray(3);
    shifted.set(fixture);
    const again = decodeBinary(shifted);
    expect([...(getArray(again, "points", "float32")?.values ?? [])]).toEqual([0.5, -1.25, 3, -6]);
  });

  it("refuses a dtype mismatch", () => {
    expect(() => getArray(decoded, "points", "uint8")).toThrow(CodecError);
  });
});

describe("decodeBinary on malformed messages", () => {
  it("reads a data message", () => {
    const decoded = decodeBinary(encode({ kind: "data", data_version: 2, arrays: [] }));
    expect(decoded.kind).toBe("data");
    expect(decoded.header).toEqual({ kind: "data", data_version: 2, arrays: [] });
  });

  it("rejects a header longer than the message", () => {
    const buffer = encode({ kind: "frame" });
    new DataView(buffer).setUint32(0, 10_000, true);
    expect(() => decodeBinary(buffer)).toThrow(/runs past/);
  });

  it("rejects an array running past the end", () => {
    const spec = { name: "output", dtype: "uint8", shape: [50, 50], offset: 0 };
    expect(() => decodeBinary(encode({ kind: "frame", arrays: [spec] }, new Uint8Array(10))))
      .toThrow(/runs past/);
  });

  it("reads Python's NaN and Infinity in a header as null", () => {
    const text = '{"kind": "frame", "step": 3, "train_loss": NaN, "test_loss": -Infinity, "note": "NaN, Infinity"}';
    const decoded = decodeBinary(encode(text));
    expect(decoded.header).toMatchObject({ step: 3, train_loss: null, test_loss: null, note: "NaN, Infinity" });
    expect(parseLenientJson('["a\\"NaN", Infinity]')).toEqual(['a"NaN', null]);
  });

  it("rejects an unknown dtype, even one named like an object property", () => {
    for (const dtype of ["float64", "constructor"]) {
      const spec = { name: "x", dtype, shape: [1], offset: 0 };
      expect(() => decodeBinary(encode({ kind: "frame", arrays: [spec] }, new Uint8Array(8)))).toThrow(/unknown dtype/);
    }
  });

  it("rejects an unaligned offset and an unknown kind", () => {
    const spec = { name: "x", dtype: "float32", shape: [1], offset: 4 };
    expect(() => decodeBinary(encode({ kind: "frame", arrays: [spec] }, new Uint8Array(16))))
      .toThrow(/multiple of 8/);
    expect(() => decodeBinary(encode({ kind: "mystery" }))).toThrow(/unknown binary message kind/);
  });
});
