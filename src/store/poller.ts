// One poller per LB and source. It never has two polls of its source in flight, waits an interval with
// jitter between polls (so many LBs do not hit their sockets in lockstep), and backs off exponentially while
// the source keeps failing, so a dead host is not hammered.

export interface PollerOptions<T> {
  read: () => Promise<T>;
  onSuccess: (value: T) => void;
  onFailure: (error: unknown) => void;
  intervalMs: number;
  /** Fraction of the interval, ±, added at random to each wait. */
  jitter?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

export class Poller<T> {
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private running = false;

  constructor(private readonly options: PollerOptions<T>) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.pollNow();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Polls at once (after an action, or on the first tick); joins the poll in flight instead of overlapping. */
  pollNow(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight = this.poll().finally(() => {
      this.inFlight = null;
      this.scheduleNext();
    });
    return this.inFlight;
  }

  /** Milliseconds the poller will wait after a poll, given the failures so far (exported for tests). */
  nextDelay(): number {
    const { intervalMs, jitter = 0.1, maxBackoffMs = 30_000, random = Math.random } = this.options;
    const base = this.failures === 0 ? intervalMs : Math.min(maxBackoffMs, intervalMs * 2 ** this.failures);
    return Math.max(50, Math.round(base * (1 + jitter * (2 * random() - 1))));
  }

  private async poll(): Promise<void> {
    try {
      const value = await this.options.read();
      this.failures = 0;
      this.options.onSuccess(value);
    } catch (error) {
      this.failures += 1;
      this.options.onFailure(error);
    }
  }

  private scheduleNext(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.pollNow(), this.nextDelay());
    this.timer.unref?.();
  }
}
