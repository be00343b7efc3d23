// A tmux control-mode client (`tmux -C`): one long-lived connection that sends commands and reads their replies
// without forking a tmux client per capture. A forked `tmux capture-pane` costs 3-5 ms; a command over this
// pipe costs well under 1 ms, which is the resolution every timing in the benchmark depends on.
// It also reports `%output` notifications, so the harness knows when a pane has written something.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { performance } from 'node:perf_hooks';

interface Pending {
  resolve(lines: string[]): void;
  reject(error: Error): void;
}

export class ControlClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  private block: string[] | undefined;
  private buffered = '';
  private exited = false;
  /** Commands written before the attach completes fail with "no current client"; they wait for this. */
  private readonly attached: Promise<void>;
  private markAttached!: () => void;
  /** Count of %output notifications per pane id, and listeners waiting for the next one. */
  private readonly outputs = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  /** Arrival times (performance.now()) of a pane's %output, while recordOutput is on for it: frames per minute. */
  private readonly timelines = new Map<string, number[]>();

  constructor(tmuxArgs: string[]) {
    this.attached = new Promise((resolve) => (this.markAttached = resolve));
    this.child = spawn('tmux', [...tmuxArgs, '-C', 'attach'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.onData(chunk));
    this.child.once('exit', () => {
      this.exited = true;
      this.markAttached();
      for (const p of this.pending.splice(0)) p.reject(new Error('tmux control client exited'));
    });
  }

  /** One tmux command (already quoted); resolves with its output lines, rejects on `%error`. */
  command(line: string): Promise<string[]> {
    if (this.exited) return Promise.reject(new Error('tmux control client exited'));
    return this.attached.then(
      () =>
        new Promise<string[]>((resolve, reject) => {
          if (this.exited) return reject(new Error('tmux control client exited'));
          this.pending.push({ resolve, reject });
          this.child.stdin.write(`${line}\n`);
        }),
    );
  }

  outputCount(paneId: string): number {
    return this.outputs.get(paneId) ?? 0;
  }

  /** Resolves true at the next %output of any pane, false after timeoutMs. */
  nextOutput(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(value);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waiters.add(wake);
    });
  }

  /** Starts recording when the pane's output arrives; the returned array fills until stopRecording. */
  recordOutput(paneId: string): number[] {
    const times: number[] = [];
    this.timelines.set(paneId, times);
    return times;
  }

  stopRecording(paneId: string): void {
    this.timelines.delete(paneId);
  }

  close(): void {
    if (!this.exited) this.child.kill('SIGTERM');
  }

  private onData(chunk: string): void {
    this.buffered += chunk;
    let nl: number;
    while ((nl = this.buffered.indexOf('\n')) >= 0) {
      this.onLine(this.buffered.slice(0, nl));
      this.buffered = this.buffered.slice(nl + 1);
    }
  }

  private onLine(line: string): void {
    if (this.block !== undefined) {
      // Inside a reply only its own %end/%error ends it; a pane line could start with "%" too.
      const end = /^%(end|error) \d+ \d+ (\d+)$/.exec(line);
      if (!end || end[2] === '0') {
        this.block.push(line);
        return;
      }
      const lines = this.block;
      this.block = undefined;
      const waiter = this.pending.shift();
      if (end[1] === 'end') waiter?.resolve(lines);
      else waiter?.reject(new Error(lines.join('\n') || 'tmux command failed'));
      return;
    }
    // Flags 0 marks the reply to the `attach` on our own command line, not to a command we sent.
    const begin = /^%begin \d+ \d+ (\d+)$/.exec(line);
    if (begin) {
      if (begin[1] !== '0') this.block = [];
      return;
    }
    if (line.startsWith('%session-changed ')) this.markAttached();
    const output = /^%output (%\d+) /.exec(line);
    if (output) {
      const pane = output[1]!;
      this.outputs.set(pane, (this.outputs.get(pane) ?? 0) + 1);
      this.timelines.get(pane)?.push(performance.now());
      for (const wake of [...this.waiters]) wake();
    }
  }
}
