// When a lab's step-through (the sequences lab's step of a cell, the images lab's
// convolution) asks the server again: one question in flight at a time, asked
// anew when the user picks something else (as soon as the one in flight is answered) or
// when training has moved on (each new frame while paused; at most every `interval` ms
// while playing, so a live panel never floods the session). A question the server refused
// is not asked again until the question or the network changes: the refusal would only
// repeat.

export interface Moment {
  /** What is asked (the pick), as a key. */
  question: string;
  /** The newest frame (its step and revision), as a key. */
  frame: string;
  /** The network's shape, as a key: a refused question may fit a new one. */
  shape: string;
  playing: boolean;
  /** ms, e.g. performance.now(). */
  now: number;
}

export class Asker {
  /** The id of the question in flight, or null. */
  pending: number | null = null;
  private asked: Moment | null = null;
  private refusedAt: string | null = null;

  constructor(
    /** Send the question; its id, or null when offline. */
    private readonly send: () => number | null,
    private readonly interval = 250,
  ) {}

  /** Ask if it is time to; true when a question went out. */
  update(moment: Moment): boolean {
    if (this.pending !== null) return false;
    if (this.refusedAt === `${moment.question}|${moment.shape}`) return false;
    const last = this.asked;
    if (last !== null && last.question === moment.question && last.frame === moment.frame) return false;
    // Only training moved on: while playing, not more often than every `interval` ms.
    if (last !== null && last.question === moment.question && moment.playing && moment.now - last.now < this.interval) return false;
    this.pending = this.send();
    this.asked = this.pending === null ? null : moment;
    this.refusedAt = null;
    return this.pending !== null;
  }

  /** An answer came: whether it is the one in flight (older ones are dropped). */
  answered(replyTo: number | null | undefined): boolean {
    if (replyTo == null || replyTo !== this.pending) return false;
    this.pending = null;
    return true;
  }

  /** The server refused request `replyTo`: whether it was ours. */
  refused(replyTo: number | null | undefined): boolean {
    if (!this.answered(replyTo)) return false;
    this.refusedAt = this.asked === null ? null : `${this.asked.question}|${this.asked.shape}`;
    return true;
  }

  /** The socket was replaced: the question in flight will never be answered; ask anew. */
  reconnected(): void {
    this.pending = null;
    this.asked = null;
    this.refusedAt = null;
  }

  /** The panel closed: forget what was asked, so that opening it asks afresh. A question
   *  still in flight stays so until answered: never two at once. */
  reset(): void {
    this.asked = null;
    this.refusedAt = null;
  }
}
