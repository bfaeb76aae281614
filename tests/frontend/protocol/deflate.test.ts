import { deflateSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { build, MindscopeClient, type SocketLike } from "../../../frontend/src/protocol/client";
import { decodeBinary, inflate, isDeflated } from "../../../frontend/src/protocol/codec";
import { DEFLATED } from "../../../frontend/src/protocol/constants";
import { binaryMessage } from "../binaryMessage";

/** A message as the server deflates it (codec.py deflate): DEFLATED, then a zlib stream. */
function deflated(message: ArrayBuffer): ArrayBuffer {
  const stream = deflateSync(new Uint8Array(message));
  const out = new Uint8Array(4 + stream.length);
  new DataView(out.buffer).setUint32(0, DEFLATED, true);
  out.set(stream, 4);
  return out.buffer;
}

const frame = (step: number): ArrayBuffer => binaryMessage({ kind: "frame", step }, { output: { shape: [2, 2], values: [1, 2, 3, step] } });

describe("deflated messages", () => {
  it("are told apart by their length word and inflate to the message as encoded", async () => {
    const plain = frame(5);
    expect(isDeflated(plain)).toBe(false);
    expect(isDeflated(deflated(plain))).toBe(true);
    const decoded = decodeBinary(await inflate(deflated(plain)));
    expect(decoded.header).toMatchObject({ kind: "frame", step: 5 });
    expect(Array.from(decoded.arrays.get("output")!.values)).toEqual([1, 2, 3, 5]);
  });

  it("that do not inflate are a CodecError naming what went wrong", async () => {
    const broken = new Uint8Array(12);
    new DataView(broken.buffer).setUint32(0, DEFLATED, true);
    await expect(inflate(broken.buffer)).rejects.toThrow(/does not inflate/);
  });

  it("keep their place among the messages that follow them", async () => {
    let socket: SocketLike | undefined;
    const seen: string[] = [];
    const client = new MindscopeClient(
      {
        binary: (m) => seen.push(`${m.kind}:${(m.header as { step: number }).step}`),
        state: (m) => seen.push(`state:${m.revision}`),
        error: (m) => seen.push(`error:${m.message}`),
      },
      {
        url: () => "ws://h/ws",
        createSocket: () => (socket = { binaryType: "blob", readyState: 1, onopen: null, onclose: null, onmessage: null, onerror: null, send: () => undefined, close: () => undefined }),
        setTimer: () => undefined,
        clearTimer: () => undefined,
      },
    );
    client.connect();
    const receive = (data: string | ArrayBuffer): unknown => socket!.onmessage?.({ data } as MessageEvent);
    receive(deflated(frame(1)));
    receive('{"type":"state","config":{},"revision":4,"playing":false,"problem":"binary","classes":2}');
    receive(frame(2));
    expect(seen).toEqual([]); // all wait behind the frame still inflating
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(["frame:1", "state:4", "frame:2"]);
    receive(frame(3)); // nothing inflating: at once
    expect(seen.at(-1)).toBe("frame:3");
  });

  it("still inflating when their socket is replaced are dropped, not delivered to the new one", async () => {
    const sockets: SocketLike[] = [];
    const seen: string[] = [];
    const client = new MindscopeClient(
      { binary: (m) => seen.push(`${m.kind}:${(m.header as { step: number }).step}`) },
      {
        url: () => "ws://h/ws",
        createSocket: () => {
          const socket: SocketLike = { binaryType: "blob", readyState: 1, onopen: null, onclose: null, onmessage: null, onerror: null, send: () => undefined, close: () => undefined };
          sockets.push(socket);
          return socket;
        },
        setTimer: (fn) => fn(),
        clearTimer: () => undefined,
      },
    );
    client.connect();
    sockets[0]!.onmessage?.({ data: deflated(frame(1)) } as MessageEvent);
    sockets[0]!.onclose?.({ code: 1006, reason: "" } as CloseEvent); // reconnects at once
    sockets[1]!.onmessage?.({ data: deflated(frame(2)) } as MessageEvent);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(["frame:2"]);
  });

  it("are asked for where the browser can inflate them", () => {
    expect(build.subscribe(50, 0, true).compression).toBe("auto");
  });
});
