import { describe, expect, it } from "vitest";

import {
  backoffDelay,
  build,
  encodeClientMessage,
  MindscopeClient,
  parseServerMessage,
  socketUrl,
  type Capability,
  type SocketLike,
} from "../../../frontend/src/protocol/client";

describe("client messages", () => {
  it("builds each control message as the server expects it", () => {
    expect(JSON.parse(encodeClientMessage(build.play()))).toEqual({ type: "play" });
    expect(JSON.parse(encodeClientMessage(build.pause()))).toEqual({ type: "pause" });
    expect(JSON.parse(encodeClientMessage(build.step()))).toEqual({ type: "step", steps: 1 });
    expect(JSON.parse(encodeClientMessage(build.step(25)))).toEqual({ type: "step", steps: 25 });
    expect(JSON.parse(encodeClientMessage(build.reset()))).toEqual({ type: "reset" });
    expect(JSON.parse(encodeClientMessage(build.set({ learning_rate: 0.1 })))).toEqual({
      type: "set",
      changes: { learning_rate: 0.1 },
    });
  });

  it("adds the id the server echoes as reply_to", () => {
    expect(JSON.parse(encodeClientMessage(build.play(), 7))).toEqual({ type: "play", id: 7 });
  });

  it("writes small learning rates as JSON numbers", () => {
    expect(encodeClientMessage(build.set({ learning_rate: 0.00001 }))).toBe(
      '{"type":"set","changes":{"learning_rate":0.00001}}',
    );
  });
});

describe("parseServerMessage", () => {
  it("accepts hello, state and error", () => {
    const hello = parseServerMessage('{"type":"hello","protocol":1,"session_id":"s"}');
    expect(hello.type).toBe("hello");
    expect(parseServerMessage('{"type":"error","message":"bad","field":"changes.x","reply_to":3}')).toEqual({
      type: "error", message: "bad", field: "changes.x", reply_to: 3,
    });
  });

  it("rejects anything else", () => {
    expect(() => parseServerMessage('{"type":"frame"}')).toThrow(/unknown server message type/);
    expect(() => parseServerMessage("[1]")).toThrow();
    expect(() => parseServerMessage("not json")).toThrow();
  });
});

describe("socketUrl", () => {
  it("uses ws on http and wss on https, on the page's host", () => {
    expect(socketUrl({ protocol: "http:", host: "127.0.0.1:8000" })).toBe("ws://127.0.0.1:8000/ws");
    expect(socketUrl({ protocol: "https:", host: "example.org" }, { role: "control", id: "a b" })).toBe("wss://example.org/ws?session=a%20b");
    expect(socketUrl({ protocol: "http:", host: "h" }, { role: "view", id: "v-1" })).toBe("ws://h/ws?view=v-1");
    expect(socketUrl({ protocol: "http:", host: "h" }, undefined, "points")).toBe("ws://h/ws?lab=points");
    expect(socketUrl({ protocol: "http:", host: "h" }, { role: "control", id: "c" }, "points")).toBe("ws://h/ws?session=c");
  });
});

describe("backoffDelay", () => {
  it("doubles from half a second up to ten seconds, jittered within [ceiling/2, ceiling]", () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(10, () => 0)).toBe(5000);
  });
});

/** A socket the test drives by hand: the server side of the conversation. */
class ScriptedSocket implements SocketLike {
  binaryType: BinaryType = "blob";
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  sent: string[] = [];
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }
  receive(data: string | ArrayBuffer): void {
    this.onmessage?.({ data } as MessageEvent);
  }
  drop(code = 1006, reason = ""): void {
    this.readyState = 3;
    this.onclose?.({ code, reason } as CloseEvent);
  }
}

describe("MindscopeClient", () => {
  function setup(capability?: Capability) {
    const sockets: ScriptedSocket[] = [];
    const timers: { fn: () => void; ms: number }[] = [];
    const seen: string[] = [];
    const client = new MindscopeClient(
      {
        status: (s, detail) => seen.push(`status:${s}${detail === undefined ? "" : `:${detail}`}`),
        hello: (m) => seen.push(`hello:${m.session_id}`),
        state: (m) => seen.push(`state:${m.playing}:${m.reply_to}`),
        error: (m) => seen.push(`error:${m.message}`),
      },
      {
        url: (c) => socketUrl({ protocol: "http:", host: "h" }, c),
        capability,
        createSocket: (url) => {
          const socket = new ScriptedSocket(url);
          sockets.push(socket);
          return socket;
        },
        setTimer: (fn, ms) => timers.push({ fn, ms }),
        clearTimer: () => undefined,
      },
    );
    return { client, sockets, timers, seen };
  }

  it("sends numbered messages only while connected and routes replies", () => {
    const { client, sockets, seen } = setup();
    client.connect();
    const socket = sockets[0]!;
    expect(socket.binaryType).toBe("arraybuffer");
    expect(client.send(build.play())).toBeNull(); // not open yet: dropped, not queued
    socket.open();
    expect(client.send(build.pause())).toBe(1);
    expect(client.send(build.step())).toBe(2);
    expect(socket.sent.map((s) => JSON.parse(s))).toEqual([
      { type: "pause", id: 1 },
      { type: "step", steps: 1, id: 2 },
    ]);
    socket.receive('{"type":"hello","protocol":1,"session_id":"abc"}');
    socket.receive('{"type":"state","config":{},"revision":0,"playing":false,"problem":"binary","classes":2,"reply_to":1}');
    socket.receive('{"type":"error","message":"steps: too big","field":"steps","reply_to":2}');
    expect(seen).toEqual(["status:connecting", "status:open", "hello:abc", "state:false:1", "error:steps: too big"]);
  });

  it("reconnects with backoff to the same session, and to a new one if it is gone", () => {
    const { client, sockets, timers, seen } = setup();
    client.connect();
    sockets[0]!.open();
    sockets[0]!.receive('{"type":"hello","protocol":1,"role":"control","session_id":"abc","view_id":"v"}');
    sockets[0]!.drop();
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBeGreaterThanOrEqual(250);
    expect(timers[0]!.ms).toBeLessThanOrEqual(500);
    timers[0]!.fn();
    expect(sockets[1]!.url).toBe("ws://h/ws?session=abc");
    // The server forgot the session: the page says so once, and the next try starts afresh.
    sockets[1]!.receive('{"type":"error","message":"no such session","field":"session"}');
    sockets[1]!.drop(4404, "no such session");
    expect(timers[1]!.ms).toBeGreaterThanOrEqual(500); // second attempt waits longer
    timers[1]!.fn();
    expect(sockets[2]!.url).toBe("ws://h/ws");
    expect(seen.filter((s) => s.startsWith("error"))).toEqual(["error:The session in this page's address is gone (it may have expired): a new one was opened."]);
    // Events from a replaced socket are ignored.
    sockets[0]!.receive('{"type":"hello","protocol":1,"session_id":"stale"}');
    expect(client.sessionId).toBeUndefined();
  });

  it("resumes a session named up front, e.g. in the page's address", () => {
    const { client, sockets } = setup({ role: "control", id: "xyz" });
    client.connect();
    expect(sockets[0]!.url).toBe("ws://h/ws?session=xyz");
  });

  it("watches with a view link: sends only what a watcher may, never learns the control id", () => {
    const { client, sockets, timers } = setup({ role: "view", id: "v1" });
    client.connect();
    expect(sockets[0]!.url).toBe("ws://h/ws?view=v1");
    sockets[0]!.open();
    sockets[0]!.receive('{"type":"hello","protocol":1,"role":"view","session_id":null,"view_id":"v1"}');
    expect([client.role, client.sessionId, client.viewId]).toEqual(["view", undefined, "v1"]);
    expect(client.send(build.play())).toBeNull();
    expect(client.send(build.set({ learning_rate: 1 }))).toBeNull();
    expect(client.send(build.subscribe(50, 0, false))).toBe(1);
    expect(client.send(build.explain(0, 0, 1))).toBe(2);
    expect(sockets[0]!.sent.map((m) => JSON.parse(m).type)).toEqual(["subscribe", "explain"]);
    sockets[0]!.drop(1012, "server restarting"); // a restart is worth waiting for
    expect(sockets).toHaveLength(1); // not at once: after a delay
    expect(timers).toHaveLength(1);
    timers[0]!.fn();
    expect(sockets).toHaveLength(2);
    expect(sockets[1]!.url).toBe("ws://h/ws?view=v1"); // still watching, never controlling
  });

  it.each([
    [{ role: "view", id: "gone" } as Capability, 4404, "no such session (it may have expired); open a new one"],
    [{ role: "control", id: "full" } as Capability, 4429, "this session already has its maximum of 8 connections; close one of them first"],
    [undefined, 4429, "the server holds its maximum of 200 sessions; try again when one expires"],
  ])("stops on a refusal and reports the server's reason (%o, %i)", (capability, code, reason) => {
    const { client, sockets, timers, seen } = setup(capability);
    client.connect();
    sockets[0]!.open();
    sockets[0]!.receive(JSON.stringify({ type: "error", message: reason, field: "session" }));
    sockets[0]!.drop(code, reason.slice(0, 20));
    expect(timers).toHaveLength(0); // no retry loop
    expect(seen).toEqual(["status:connecting", "status:open", `status:refused:${reason}`]);
    expect(client.connected).toBe(false);
  });

  it("stays closed after close()", () => {
    const { client, sockets, timers } = setup();
    client.connect();
    sockets[0]!.open();
    client.close();
    sockets[0]!.drop(1000);
    expect(timers).toHaveLength(0);
    expect(client.connected).toBe(false);
  });
});
