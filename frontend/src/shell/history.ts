// A bounded record of series sampled once per frame, shared by the loss curves and the
// per-layer gradient norms. Pure data: nothing here touches the DOM.

/**
 * Series against step, one entry per frame, never more than `capacity` entries: when
 * full, every other entry is dropped and from then on only every other frame is kept, so
 * the whole run stays visible at an even density while drawing cost stays flat. The
 * newest frame is always shown, held provisionally at the end until its turn to be kept
 * comes round. A step lower than the last one (a reset) starts the record afresh.
 */
export class SampledHistory {
  readonly steps: number[] = [];
  /** One array per series, aligned with `steps`; null marks a gap (a non-finite value). */
  columns: (number | null)[][];
  /** Bumped on every change, so a chart can tell whether it must redraw. */
  version = 0;
  private stride = 1;
  private arrivals = 0;
  /** Whether the last entry is the newest arrival, shown but not kept for good. */
  private provisional = false;

  constructor(
    width: number,
    readonly capacity = 2000,
  ) {
    if (capacity < 4) throw new Error("capacity must be at least 4");
    this.columns = Array.from({ length: width }, () => []);
  }

  get length(): number {
    return this.steps.length;
  }

  /** How many series there are. */
  get width(): number {
    return this.columns.length;
  }

  /** One frame's values, one per series (missing ones become gaps). */
  record(step: number, row: readonly (number | null | undefined)[]): void {
    const last = this.steps.at(-1);
    if (last !== undefined && step < last) this.clear(); // a reset: start a new curve
    const entry = this.entry(step, row);
    if (step === last) {
      // The same step again (e.g. a frame after a config change): the values may differ.
      this.pop();
      this.push(entry);
    } else {
      if (this.provisional) this.pop();
      this.push(entry);
      this.provisional = this.arrivals++ % this.stride !== 0;
      if (this.length > this.capacity) this.thin();
    }
    this.version++;
  }

  /** Replace everything with a whole record (one column per series, undefined: gaps). */
  load(steps: ArrayLike<number>, columns: readonly (ArrayLike<number> | undefined)[]): void {
    this.clear();
    for (let i = 0; i < steps.length; i++) {
      this.push(this.entry(steps[i]!, this.columns.map((_, c) => columns[c]?.[i])));
    }
    this.arrivals = this.length;
    while (this.length > this.capacity) this.thin();
    this.version++;
  }

  /** Forget everything; a new `width` changes the number of series. */
  clear(width = this.width): void {
    this.steps.length = 0;
    if (width === this.width) for (const column of this.columns) column.length = 0;
    else this.columns = Array.from({ length: width }, () => []);
    this.stride = 1;
    this.arrivals = 0;
    this.provisional = false;
    this.version++;
  }

  private entry(step: number, row: readonly (number | null | undefined)[]): Entry {
    return [step, this.columns.map((_, c) => {
      const v = row[c];
      return typeof v === "number" && Number.isFinite(v) ? v : null;
    })];
  }

  /** Keep every other kept entry and double the stride; the newest entry always stays. */
  private thin(): void {
    let tip = this.provisional ? this.pop() : null;
    // Kept entries are arrivals 0, s, ..., k*s. With k odd the newest of them would be
    // dropped; if it is also the newest arrival, it stays on as the provisional tip.
    if (tip === null && this.length % 2 === 0) tip = this.pop();
    for (const column of [this.steps, ...this.columns] as (number | null)[][]) {
      let kept = 0;
      for (let i = 0; i < column.length; i += 2) column[kept++] = column[i]!;
      column.length = kept;
    }
    this.stride *= 2;
    this.provisional = tip !== null;
    if (tip !== null) this.push(tip);
  }

  private push([step, values]: Entry): void {
    this.steps.push(step);
    this.columns.forEach((column, c) => column.push(values[c]!));
  }

  private pop(): Entry {
    return [this.steps.pop()!, this.columns.map((column) => column.pop() ?? null)];
  }
}

type Entry = [step: number, values: (number | null)[]];
