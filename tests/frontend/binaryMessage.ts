// A binary message laid out as the server's codec lays it out (codec.py: a length word,
// the JSON header, each array at its 8-byte aligned offset), for the frontend's tests.
import { dataStart } from "../../frontend/src/protocol/codec";

export type TestArrays = Record<string, { dtype?: "float32" | "int32"; shape: number[]; values: number[] }>;

/** `header` (with its `kind`) and `arrays` (float32 unless said) as one message. */
export function binaryMessage(header: Record<string, unknown>, arrays: TestArrays): ArrayBuffer {
  const specs: { name: string; dtype: string; shape: number[]; offset: number; low: null; high: null }[] = [];
  let offset = 0;
  for (const [name, { dtype = "float32", shape, values }] of Object.entries(arrays)) {
    specs.push({ name, dtype, shape, offset, low: null, high: null });
    offset += Math.ceil((values.length * 4) / 8) * 8;
  }
  const json = new TextEncoder().encode(JSON.stringify({ ...header, arrays: specs }));
  const start = dataStart(json.length);
  const out = new ArrayBuffer(start + offset);
  new DataView(out).setUint32(0, json.length, true);
  new Uint8Array(out).set(json, 4);
  Object.values(arrays).forEach(({ dtype, values }, i) => {
    const at = start + specs[i]!.offset;
    (dtype === "int32" ? new Int32Array(out, at, values.length) : new Float32Array(out, at, values.length)).set(values);
  });
  return out;
}
