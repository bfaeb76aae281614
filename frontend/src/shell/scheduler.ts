// Coalesces redraw requests: however many frames arrive between two screen refreshes,
// the views draw once, with the latest state. Nothing queues up behind a slow draw,
// and a hidden tab (where animation frames pause) does no drawing at all.

export class RenderScheduler {
  private pending = false;

  constructor(
    private readonly render: () => void,
    private readonly requestFrame: (cb: () => void) => unknown = (cb) => requestAnimationFrame(cb),
  ) {}

  invalidate(): void {
    if (this.pending) return;
    this.pending = true;
    this.requestFrame(() => {
      this.pending = false;
      this.render();
    });
  }
}
