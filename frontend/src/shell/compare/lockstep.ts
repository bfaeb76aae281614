// Lockstep: every variant trains the same number of steps per round, and no round starts
// before each variant's frame for the last one has arrived. A variant that diverged
// (its steps rolled back, its session paused) drops out instead of stalling the rest.

export class Lockstep {
  /** The step every running variant reaches at the end of this round. */
  target = 0;
  /** Each completed round: the step every variant reported (equal, by construction). */
  readonly rounds: number[][] = [];
  private readonly dropped = new Set<number>();
  private recorded = 0;

  constructor(
    readonly count: number,
    readonly stepsPerRound: number,
  ) {}

  /** Start the next round: the steps to request of each variant still running. */
  next(): { steps: number; variants: number[] } {
    this.target += this.stepsPerRound;
    return { steps: this.stepsPerRound, variants: this.running() };
  }

  drop(variant: number): void {
    this.dropped.add(variant);
  }

  running(): number[] {
    return Array.from({ length: this.count }, (_, i) => i).filter((i) => !this.dropped.has(i));
  }

  /** Whether every running variant's latest step (null: no frame yet) reached the target;
   *  records the round when it did. */
  complete(steps: readonly (number | null)[]): boolean {
    const running = this.running();
    if (!running.every((i) => steps[i] === this.target)) return false;
    if (this.target > 0 && this.recorded !== this.target) {
      this.recorded = this.target;
      this.rounds.push(running.map((i) => steps[i]!));
    }
    return true;
  }
}
