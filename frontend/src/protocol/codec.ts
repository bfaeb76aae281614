// Decodes the server's binary messages (see server/mindscope/codec.py for the layout):
// uint32 LE header length H, H bytes of UTF-8 JSON header, padding to D = 4 + H rounded
// up to 8, then each array at D + its offset. Offsets are multiples of 8, so typed
// arrays view the buffer in place: no copying of a 50x50 grid 30 times a second.
// Typed arrays use the platform's byte order; every browser in use is little-endian.

import { ARRAYS, DEFLATED, type ArrayName, type BinaryKind } from "./constants";
import type { ArraySpec, AttentionExplanationHeader, ConvExplanationHeader, DataHeader, ExplanationHeader, FrameHeader, HistoryHeader, LandscapeHeader, StepExplanationHeader } from "./messages";

export const ALIGN = 8;

export type TypedArray = Uint8Array | Float32Array | Int32Array;

export interface DecodedArray {
  spec: ArraySpec;
  values: TypedArray;
}

/** A decoded binary message of one kind: its JSON header and its arrays by name. */
interface Decoded<Kind extends string, Header> {
  kind: Kind;
  header: Header;
  arrays: Map<string, DecodedArray>;
}

export type DecodedFrame = Decoded<"frame", FrameHeader>;
export type DecodedData = Decoded<"data", DataHeader>;
export type DecodedHistory = Decoded<"history", HistoryHeader>;
/** The answer to an `explain` request: one example's forward and backward pass. */
export type DecodedExplanation = Decoded<"explanation", ExplanationHeader>;
/** The answer to a `landscape` request: a loss slice and the optimizer's path on it. */
export type DecodedLandscape = Decoded<"landscape", LandscapeHeader>;
/** The answer to the sequences lab's `explain_step`: one step of one cell, and
 *  backpropagation through time for one weight. */
export type DecodedStepExplanation = Decoded<"step_explanation", StepExplanationHeader>;
/** The answer to the images lab's `explain_conv`: one convolution at one position. */
export type DecodedConvExplanation = Decoded<"conv_explanation", ConvExplanationHeader>;
/** The answer to the attention lab's `explain_attention`: one query of one head, and one
 *  W_q weight's gradient through it. */
export type DecodedAttentionExplanation = Decoded<"attention_explanation", AttentionExplanationHeader>;

export type DecodedBinary = DecodedFrame | DecodedData | DecodedHistory | DecodedExplanation | DecodedLandscape | DecodedStepExplanation | DecodedConvExplanation | DecodedAttentionExplanation;

export class CodecError extends globalThis.Error {
  override name = "CodecError";
}

const VIEWS = {
  uint8: Uint8Array,
  float32: Float32Array,
  int32: Int32Array,
} as const;

/** Whether a binary message came deflated: its length word is DEFLATED, a zlib stream follows. */
export function isDeflated(message: ArrayBuffer): boolean {
  return message.byteLength >= 4 && new DataView(message).getUint32(0, true) === DEFLATED;
}

/** A deflated message as the server encoded it, inflated by the browser's own zlib. */
export async function inflate(message: ArrayBuffer): Promise<ArrayBuffer> {
  const stream = new Blob([new Uint8Array(message, 4)]).stream().pipeThrough(new DecompressionStream("deflate"));
  try {
    return await new Response(stream).arrayBuffer();
  } catch (err) {
    throw new CodecError(`deflated message does not inflate: ${String(err)}`);
  }
}

/** Where array data begins, after the length word and header, aligned to ALIGN. */
export function dataStart(headerLength: number): number {
  return Math.ceil((4 + headerLength) / ALIGN) * ALIGN;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decode one binary message. Accepts a view too (e.g. a Node Buffer in tests); a view
 * that does not start on an 8-byte boundary is copied so the typed views stay aligned.
 */
export function decodeBinary(message: ArrayBuffer | ArrayBufferView): DecodedBinary {
  const bytes = alignedBytes(message);
  if (bytes.byteLength < 4) throw new CodecError("message shorter than its length word");
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  if (4 + headerLength > bytes.byteLength) {
    throw new CodecError(`header length ${headerLength} runs past the message end`);
  }
  let header: unknown;
  try {
    header = parseLenientJson(utf8.decode(bytes.subarray(4, 4 + headerLength)));
  } catch (err) {
    throw new CodecError(`header is not UTF-8 JSON: ${String(err)}`);
  }
  if (typeof header !== "object" || header === null) throw new CodecError("header is not an object");
  const kind = (header as { kind?: unknown }).kind;
  const specs = (header as { arrays?: unknown }).arrays ?? [];
  if (!Array.isArray(specs)) throw new CodecError("header.arrays is not a list");

  const start = dataStart(headerLength);
  const arrays = new Map<string, DecodedArray>();
  for (const spec of specs as ArraySpec[]) {
    arrays.set(spec.name, { spec, values: viewArray(bytes, start, spec) });
  }
  if (kind === "frame") return { kind, header: header as FrameHeader, arrays };
  if (kind === "data") return { kind, header: header as DataHeader, arrays };
  if (kind === "history") return { kind, header: header as HistoryHeader, arrays };
  if (kind === "explanation") return { kind, header: header as ExplanationHeader, arrays };
  if (kind === "landscape") return { kind, header: header as LandscapeHeader, arrays };
  if (kind === "step_explanation") return { kind, header: header as StepExplanationHeader, arrays };
  if (kind === "conv_explanation") return { kind, header: header as ConvExplanationHeader, arrays };
  if (kind === "attention_explanation") return { kind, header: header as AttentionExplanationHeader, arrays };
  throw new CodecError(`unknown binary message kind ${JSON.stringify(kind)}`);
}

/**
 * JSON.parse, but Python's json.dumps spellings of non-finite floats (NaN, Infinity,
 * -Infinity), which JSON lacks, read as null: a diverging loss must not make the frame
 * unreadable. Strings are matched first so their contents are never touched.
 */
export function parseLenientJson(text: string): unknown {
  return JSON.parse(text.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (m) => (m.startsWith('"') ? m : "null")));
}

function alignedBytes(message: ArrayBuffer | ArrayBufferView): Uint8Array<ArrayBuffer> {
  if (message instanceof ArrayBuffer) return new Uint8Array(message);
  const { buffer, byteOffset, byteLength } = message;
  if (buffer instanceof ArrayBuffer && byteOffset % ALIGN === 0) {
    return new Uint8Array(buffer, byteOffset, byteLength);
  }
  return new Uint8Array(buffer, byteOffset, byteLength).slice();
}

function viewArray(bytes: Uint8Array<ArrayBuffer>, start: number, spec: ArraySpec): TypedArray {
  if (!Object.hasOwn(VIEWS, spec.dtype)) throw new CodecError(`array ${spec.name}: unknown dtype ${spec.dtype}`);
  const View = VIEWS[spec.dtype];
  if (!Number.isInteger(spec.offset) || spec.offset < 0 || spec.offset % ALIGN !== 0) {
    throw new CodecError(`array ${spec.name}: offset ${spec.offset} is not a multiple of ${ALIGN}`);
  }
  if (!Array.isArray(spec.shape) || !spec.shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new CodecError(`array ${spec.name}: bad shape ${JSON.stringify(spec.shape)}`);
  }
  const count = spec.shape.reduce((n, d) => n * d, 1);
  const begin = start + spec.offset;
  if (begin + count * View.BYTES_PER_ELEMENT > bytes.byteLength) {
    throw new CodecError(`array ${spec.name} (shape ${spec.shape.join("x")}) runs past the message end`);
  }
  const at = bytes.byteOffset + begin;
  switch (spec.dtype) {
    case "uint8":
      return new Uint8Array(bytes.buffer, at, count);
    case "float32":
      return new Float32Array(bytes.buffer, at, count);
    case "int32":
      return new Int32Array(bytes.buffer, at, count);
  }
}

/** The named array, checked for dtype; undefined when absent. */
export function getArray<K extends keyof typeof VIEWS>(
  decoded: DecodedBinary,
  name: string,
  dtype: K,
): { spec: ArraySpec; values: InstanceType<(typeof VIEWS)[K]> } | undefined {
  const found = decoded.arrays.get(name);
  if (found === undefined) return undefined;
  if (found.spec.dtype !== dtype) {
    throw new CodecError(`array ${name}: expected ${dtype}, got ${found.spec.dtype}`);
  }
  return found as { spec: ArraySpec; values: InstanceType<(typeof VIEWS)[K]> };
}

/** The declaration of the arrays called `name` in messages of `kind` (see ARRAYS). */
export type Declared<K extends BinaryKind, N extends ArrayName<K>> = Extract<(typeof ARRAYS)[K][number], { name: N }>;
/** The names of the arrays of `dtype` in messages of `kind`. */
export type NameOfDtype<K extends BinaryKind, D extends keyof typeof VIEWS> = Extract<(typeof ARRAYS)[K][number], { dtype: D }>["name"];

export function declaredArray<K extends BinaryKind, N extends ArrayName<K>>(kind: K, name: N): Declared<K, N> {
  return (ARRAYS[kind] as readonly { name: string }[]).find((a) => a.name === name) as Declared<K, N>;
}

type ViewOf<D extends keyof typeof VIEWS> = InstanceType<(typeof VIEWS)[D]>;

/** A declared array of a message, checked for its declared dtype; undefined when absent. */
export function readArray<B extends DecodedBinary, N extends ArrayName<B["kind"]>>(
  decoded: B,
  name: N,
): { spec: ArraySpec; values: ViewOf<Declared<B["kind"], N>["dtype"]> } | undefined {
  // getArray checks the dtype at run time; the declaration's dtype types the view.
  return getArray(decoded, name, declaredArray(decoded.kind, name).dtype) as { spec: ArraySpec; values: ViewOf<Declared<B["kind"], N>["dtype"]> } | undefined;
}
