// A bound on how many polls run at once across the fleet. Every LB still has its own poller (no overlap per LB,
// its own backoff); the limiter only keeps 50 LBs from opening 50 SSH handshakes and 50 `show stat` parses in
// the same tick. With the bound at or above the fleet size a refresh cycle costs about the slowest LB.
export class Limiter {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!(size >= 1)) throw new Error(`limiter size must be at least 1, got ${size}`);
  }

  /** Runs `task` when a slot is free; the slot is released however the task ends. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.queue.shift()?.();
    }
  }

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }
}
