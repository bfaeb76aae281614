// The WebSocket link to one training session: typed control messages out, typed
// server messages and decoded binary frames in, and reconnection with backoff that
// resumes the same session (the server keeps it alive for a while after a drop).

import { CodecError, decodeBinary, inflate, isDeflated, type DecodedBinary } from "./codec";
import { VIEW_REQUESTS } from "./constants";
import type {
  DrawProbe,
  AddPoints,
  ClearPoints,
  Client as ClientMessage,
  ConfigChanges,
  Error as ErrorMessage,
  Explain,
  ExplainAttention,
  ExplainConv,
  ExplainStep,
  Landscape,
  Hello,
  Pause,
  Play,
  Regenerate,
  Reset,
  Server as ServerMessage,
  SetBias,
  SetConfig,
  SetWeight,
  State,
  Step,
  StepEpoch,
  Subscribe,
  UndoPoint,
  UploadCsv,
} from "./messages";

export type { ClientMessage, ErrorMessage, ServerMessage };

/** Builders for every client message, so call sites cannot misspell a field. */
export const build = {
  play: (): Play => ({ type: "play" }),
  pause: (): Pause => ({ type: "pause" }),
  step: (steps = 1): Step => ({ type: "step", steps }),
  stepEpoch: (): StepEpoch => ({ type: "step_epoch" }),
  reset: (): Reset => ({ type: "reset" }),
  regenerate: (): Regenerate => ({ type: "regenerate" }),
  set: (changes: ConfigChanges): SetConfig => ({ type: "set", changes }),
  setWeight: (layer: number, source: number, target: number, value: number): SetWeight => ({ type: "set_weight", layer, source, target, value }),
  setBias: (layer: number, neuron: number, value: number): SetBias => ({ type: "set_bias", layer, neuron, value }),
  addPoints: (points: [number, number, number][], replace = false): AddPoints => ({ type: "add_points", points: points as AddPoints["points"], replace }),
  undoPoint: (): UndoPoint => ({ type: "undo_point" }),
  clearPoints: (): ClearPoints => ({ type: "clear_points" }),
  uploadCsv: (csv: string): UploadCsv => ({ type: "upload_csv", csv }),
  explain: (x1: number, x2: number, label: number): Explain => ({ type: "explain", x1, x2, label }),
  explainStep: (layer: number, time: number, weight: "w" | "u", row: number, column: number): ExplainStep => ({ type: "explain_step", layer, time, weight, row, column }),
  explainAttention: (layer: number, head: number, query: number, row: number, column: number): ExplainAttention => ({ type: "explain_attention", layer, head, query, row, column }),
  explainConv: (layer: number, filter: number, row: number, column: number): ExplainConv => ({ type: "explain_conv", layer, filter, row, column }),
  drawProbe: (pixels: number[] | null): DrawProbe => ({ type: "draw_probe", pixels: pixels as DrawProbe["pixels"] }),
  landscape: (directions: Landscape["directions"], resolution: number, span: number): Landscape => ({ type: "landscape", directions, resolution, span }),
  subscribe: (outputResolution: number, neuronResolution: number, parameters: boolean): Subscribe => ({
    type: "subscribe",
    output_resolution: outputResolution,
    neuron_resolution: neuronResolution,
    parameters,
    // Deflated where the server finds it pays: not from its own machine (see Subscribe).
    compression: typeof DecompressionStream === "function" ? "auto" : "none",
  }),
};

/** The JSON text sent for a message; `id` comes back as `reply_to`. */
export function encodeClientMessage(message: ClientMessage, id?: number): string {
  return JSON.stringify(id === undefined ? message : { ...message, id });
}

/** Parse a text frame from the server; throws on anything that is not a known message. */
export function parseServerMessage(text: string): ServerMessage {
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null) throw new Error("server message is not an object");
  const type = (value as { type?: unknown }).type;
  if (type !== "hello" && type !== "state" && type !== "error") {
    throw new Error(`unknown server message type ${JSON.stringify(type)}`);
  }
  return value as ServerMessage;
}

/** How a connection joins a session: as its controller (the control id) or as a watcher
 *  (the view id, which can only subscribe and ask questions). */
export interface Capability {
  role: Hello["role"];
  id: string;
}

/** Requests a view connection may send; the server refuses every other one. */
const VIEWER_MAY_SEND: ReadonlySet<string> = new Set(VIEW_REQUESTS);

/** The socket address on the page's own host (the server serves both): `?session=` to
 *  control a session, `?view=` to watch one, neither for a new session. */
export function socketUrl(location: Pick<Location, "protocol" | "host">, capability?: Capability, lab?: string): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  // A new session is of `lab` (the server's default lab when none is named).
  const query =
    capability !== undefined ? `?${capability.role === "view" ? "view" : "session"}=${encodeURIComponent(capability.id)}` : lab !== undefined ? `?lab=${encodeURIComponent(lab)}` : "";
  return `${scheme}//${location.host}/ws${query}`;
}

/** Exponential backoff with jitter, so many tabs do not reconnect in lockstep. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = 500;
  const max = 10_000;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** "refused": the server turned this page away (see REFUSED); it does not retry. */
export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "refused";

export interface ClientHandlers {
  status?(status: ConnectionStatus, detail?: string): void;
  hello?(message: Hello): void;
  state?(message: State): void;
  error?(message: ErrorMessage): void;
  /** A frame, the data points or the curves so far. */
  binary?(message: DecodedBinary): void;
}

/** The parts of the browser's WebSocket the client uses, so tests can supply their own. */
export interface SocketLike {
  binaryType: BinaryType;
  readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface ClientOptions {
  /** Builds the URL for each attempt; gets the session to resume or watch, if any. */
  url: (capability?: Capability) => string;
  /** A session to resume or watch on the first connection (e.g. from the page's address). */
  capability?: Capability | undefined;
  createSocket?: (url: string) => SocketLike;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const OPEN = 1;
const SESSION_GONE = 4404; // no such session: a controller starts a fresh one
// Close codes that trying again would not change: bad request, another site's page, no
// such session (for a watcher), a limit of the server. The page shows why instead.
const REFUSED = new Set([4400, 4403, 4404, 4429]);

export class MindscopeClient {
  private socket: SocketLike | null = null;
  private capability: Capability | undefined;
  private viewLink: string | undefined;
  /** The server's reason for turning this connection away, sent before it closes. */
  private refusal: string | undefined;
  private greeted = false; // this socket got its hello: it joined a session
  private attempt = 0;
  private nextId = 1;
  private timer: unknown = null;
  private stopped = false;
  private readonly createSocket: (url: string) => SocketLike;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(
    private readonly handlers: ClientHandlers,
    private readonly options: ClientOptions,
  ) {
    this.capability = options.capability;
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url));
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  get connected(): boolean {
    return this.socket?.readyState === OPEN;
  }

  /** The control id, when this page controls its session. */
  get sessionId(): string | undefined {
    return this.capability?.role === "control" ? this.capability.id : undefined;
  }

  /** The session's view id (from `hello`): the link to share for watching. */
  get viewId(): string | undefined {
    return this.viewLink;
  }

  get role(): Capability["role"] | undefined {
    return this.capability?.role;
  }

  connect(): void {
    this.stopped = false;
    this.open();
  }

  close(): void {
    this.stopped = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, "client closed");
  }

  /** Send a control message; returns its id, or null when not connected (nothing is queued:
   *  a stale "play" replayed after a reconnect would surprise more than it helps) or when a
   *  watcher may not send it. */
  send(message: ClientMessage): number | null {
    const socket = this.socket;
    if (socket === null || socket.readyState !== OPEN) return null;
    if (this.role === "view" && !VIEWER_MAY_SEND.has(message.type)) return null;
    const id = this.nextId++;
    socket.send(encodeClientMessage(message, id));
    return id;
  }

  private open(): void {
    if (this.attempt === 0) this.handlers.status?.("connecting"); // retries said so already
    this.refusal = undefined;
    this.greeted = false;
    const socket = this.createSocket(this.options.url(this.capability));
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    // Each handler checks it still belongs to the current socket: a late event from a
    // dropped one must not disturb its replacement.
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.handlers.status?.("open");
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(socket, event.data);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      const reason = this.refusal ?? event.reason;
      if (event.code === SESSION_GONE && this.capability?.role === "control") {
        // Our session expired: open a new one (the page's address gives its settings).
        this.capability = undefined;
        this.handlers.error?.({ type: "error", message: "The session in this page's address is gone (it may have expired): a new one was opened.", field: "session" });
      } else if (REFUSED.has(event.code)) {
        this.stopped = true;
        this.handlers.status?.("refused", reason || `refused (${event.code})`);
        return;
      }
      if (!this.stopped) this.scheduleReconnect(event.reason);
    };
    socket.onerror = () => {
      // A close event always follows; reconnection is handled there.
    };
  }

  private scheduleReconnect(reason: string): void {
    const delay = backoffDelay(this.attempt++);
    this.handlers.status?.("reconnecting", reason || undefined);
    this.timer = this.setTimer(() => {
      this.timer = null;
      if (!this.stopped) this.open();
    }, delay);
  }

  /** Messages wait here behind a deflated frame still inflating, so all keep their order.
   *  It never rejects: each message's failure is reported on its own. */
  private inflating: Promise<void> | null = null;

  private receive(socket: SocketLike, data: unknown): void {
    const deflated = data instanceof ArrayBuffer && isDeflated(data);
    if (!deflated && this.inflating === null) {
      this.handle(data);
      return;
    }
    const ready: Promise<{ message: unknown } | { failed: unknown }> = deflated
      ? inflate(data).then((message) => ({ message }), (failed: unknown) => ({ failed }))
      : Promise.resolve({ message: data });
    const done = (this.inflating ?? Promise.resolve())
      .then(() => ready)
      .then((arrived) => {
        if (this.socket !== socket) return; // of a socket replaced meanwhile
        if ("failed" in arrived) {
          const why = arrived.failed instanceof Error ? arrived.failed.message : String(arrived.failed);
          this.handlers.error?.({ type: "error", message: `Unreadable frame: ${why}` });
        } else {
          this.handle(arrived.message);
        }
      })
      .catch((bug: unknown) => {
        // A handler's own error: thrown where it is seen, and the next messages still come.
        setTimeout(() => {
          throw bug;
        });
      });
    this.inflating = done;
    void done.then(() => {
      if (this.inflating === done) this.inflating = null;
    });
  }

  private handle(data: unknown): void {
    if (typeof data === "string") {
      let message: ServerMessage;
      try {
        message = parseServerMessage(data);
      } catch (err) {
        this.handlers.error?.({ type: "error", message: `Unreadable server message: ${String(err)}` });
        return;
      }
      this.dispatch(message);
    } else if (data instanceof ArrayBuffer) {
      try {
        this.handlers.binary?.(decodeBinary(data));
      } catch (err) {
        if (!(err instanceof CodecError)) throw err;
        this.handlers.error?.({ type: "error", message: `Unreadable frame: ${err.message}` });
      }
    }
  }

  private dispatch(message: ServerMessage): void {
    switch (message.type) {
      case "hello":
        this.capability = message.session_id === null ? { role: "view", id: message.view_id } : { role: "control", id: message.session_id };
        this.viewLink = message.view_id;
        this.greeted = true;
        this.handlers.hello?.(message);
        break;
      case "state":
        this.handlers.state?.(message);
        break;
      case "error":
        // A connection the server turns away is told why, then closed: the close
        // reports it (see open), once.
        if (message.field === "session" && !this.greeted) {
          this.refusal = message.message;
          return;
        }
        this.handlers.error?.(message);
        break;
    }
  }
}
