// When to capture a pane. A capture is taken as soon as tmux reports output from the pane (control-mode
// %output), and otherwise every pollMs; pollMs 0 is a tight loop of back-to-back captures. Either way the
// timing resolution is one capture round trip, which is recorded so the report can state it.
import { performance } from 'node:perf_hooks';
import type { Capture, Pane, Tmux } from './tmux.js';

export class PaneWatcher {
  /** Round trip of every capture taken, in ms. */
  readonly roundTrips: number[] = [];
  private seenOutputs = -1;

  constructor(
    private readonly tmux: Tmux,
    readonly pane: Pane,
    private readonly pollMs: number,
  ) {}

  async next(): Promise<Capture> {
    if (this.pollMs > 0 && this.tmux.outputCount(this.pane) === this.seenOutputs) {
      await this.tmux.nextOutput(this.pollMs);
    }
    this.seenOutputs = this.tmux.outputCount(this.pane);
    const capture = await this.tmux.capture(this.pane);
    this.roundTrips.push(capture.took);
    return capture;
  }

  /** Only when the pane writes something (or after maxWaitMs): for long idle windows where polling would cost CPU. */
  async nextOutput(maxWaitMs: number): Promise<Capture | undefined> {
    if (this.tmux.outputCount(this.pane) === this.seenOutputs && !(await this.tmux.nextOutput(maxWaitMs))) {
      return undefined;
    }
    this.seenOutputs = this.tmux.outputCount(this.pane);
    return this.tmux.capture(this.pane);
  }

  /**
   * Captures until the screen has not changed for quietMs (or maxMs passed). `changed` decides what counts as
   * a change (e.g. ignoring a clock). Returns the last capture and when the screen last changed.
   */
  async settle(
    from: Capture,
    quietMs: number,
    maxMs: number,
    changed: (a: string, b: string) => boolean = (a, b) => a !== b,
  ): Promise<{ last: Capture; lastChangeAt: number }> {
    const start = performance.now();
    let last = from;
    let lastChangeAt = from.at;
    for (;;) {
      const capture = await this.next();
      if (changed(last.text, capture.text)) lastChangeAt = capture.at;
      last = capture;
      if (capture.at - lastChangeAt >= quietMs || capture.at - start >= maxMs) return { last, lastChangeAt };
    }
  }
}
