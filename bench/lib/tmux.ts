// A private tmux server for the benchmark: `tmux -L <unique name>` so no other tmux server is ever touched.
// Tools run in their own windows of a fixed size; captures, keys and launches go over one control-mode client.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ControlClient } from './tmux-control.js';

export interface Pane {
  id: string;
  pid: number;
  /** performance.now() just before the launch command was written to tmux. */
  spawnedAt: number;
}

export interface Capture {
  /** Pane text with SGR escapes (`capture-pane -e`), so a moved highlight counts as a change. */
  text: string;
  /** performance.now() when the reply arrived. */
  at: number;
  /** Round trip of the capture command: the resolution of anything timed by polling captures. */
  took: number;
}

const SESSION = 'bench';

export class Tmux {
  private constructor(
    readonly socketName: string,
    /** tmux does not remove its socket file when the server is killed; we do. */
    private readonly socketPath: string,
    private readonly control: ControlClient,
  ) {}

  static async start(width: number, height: number): Promise<Tmux> {
    const socketName = `lbtop-bench-${process.pid}-${Date.now().toString(36)}`;
    // -f /dev/null: the user's ~/.tmux.conf must not change what we measure. `status off` keeps the pane at the
    // full width x height. Not `window-size manual`: with it tmux 3.3a crashes on a control client's new-window,
    // and control clients do not size windows anyway, so new windows take default-size.
    tmuxSync(socketName, [
      'new-session', '-d', '-s', SESSION, '-x', String(width), '-y', String(height), 'sleep', '2147483647',
      ';', 'set', '-g', 'status', 'off',
      ';', 'set', '-g', 'default-size', `${width}x${height}`,
      ';', 'set', '-g', 'default-terminal', 'tmux-256color',
      ';', 'set', '-g', 'remain-on-exit', 'on',
    ]);
    const socketPath = tmuxSync(socketName, ['display-message', '-p', '#{socket_path}']).trim();
    const tmux = new Tmux(socketName, socketPath, new ControlClient(['-L', socketName, '-f', '/dev/null']));
    try {
      await tmux.command('refresh-client');
    } catch (error) {
      tmux.close();
      throw error;
    }
    return tmux;
  }

  command(...args: string[]): Promise<string[]> {
    return this.control.command(args.map(quote).join(' '));
  }

  /** Runs argv directly (no shell), so the pane's pid is the tool's own process once `env` has exec'd it. */
  async launch(argv: string[]): Promise<Pane> {
    const spawnedAt = performance.now();
    const [line] = await this.command('new-window', '-P', '-F', '#{pane_id} #{pane_pid}', '-t', `${SESSION}:`, '--', ...argv);
    const [id, pid] = (line ?? '').split(' ');
    if (!id || !pid) throw new Error(`tmux new-window gave no pane: ${line}`);
    return { id, pid: Number(pid), spawnedAt };
  }

  /** The visible screen; with `history`, also what scrolled off (an error printed before the process died). */
  async capture(pane: Pane, history = false): Promise<Capture> {
    const start = performance.now();
    const lines = await this.command('capture-pane', '-p', '-e', ...(history ? ['-S', '-'] : []), '-t', pane.id);
    const at = performance.now();
    return { text: lines.join('\n'), at, took: at - start };
  }

  /** Sends one key by its tmux name (NPage, End, Home); resolves with the time just before it was sent. */
  async sendKey(pane: Pane, key: string): Promise<number> {
    const at = performance.now();
    await this.command('send-keys', '-t', pane.id, key);
    return at;
  }

  async isDead(pane: Pane): Promise<boolean> {
    const [line] = await this.command('display-message', '-p', '-t', pane.id, '#{pane_dead}');
    return line === '1';
  }

  async killPane(pane: Pane): Promise<void> {
    await this.command('kill-pane', '-t', pane.id).catch(() => undefined);
  }

  /** Appends every byte the pane's process writes to its terminal to `file` (`pipe-pane -O`, a `cat` run by
   *  the tmux server, so not in the tool's process tree); stopPipe ends it. */
  async pipeOutput(pane: Pane, file: string): Promise<void> {
    await this.command('pipe-pane', '-O', '-t', pane.id, `exec cat >> ${file}`);
  }

  async stopPipe(pane: Pane): Promise<void> {
    await this.command('pipe-pane', '-t', pane.id).catch(() => undefined);
  }

  /** Times at which the pane's output reaches us (control-mode %output), until stopRecording. */
  recordOutput(pane: Pane): number[] {
    return this.control.recordOutput(pane.id);
  }

  stopRecording(pane: Pane): void {
    this.control.stopRecording(pane.id);
  }

  outputCount(pane: Pane): number {
    return this.control.outputCount(pane.id);
  }

  nextOutput(timeoutMs: number): Promise<boolean> {
    return this.control.nextOutput(timeoutMs);
  }

  /** Kills only this benchmark's server, by its -L name. */
  close(): void {
    this.control.close();
    try {
      tmuxSync(this.socketName, ['kill-server']);
    } catch {
      // already gone
    }
    rmSync(this.socketPath, { force: true });
  }
}

function tmuxSync(socketName: string, args: string[]): string {
  return execFileSync('tmux', ['-L', socketName, '-f', '/dev/null', ...args], { encoding: 'utf8', stdio: 'pipe' });
}

/** tmux command syntax: single quotes take everything literally; our arguments never contain one. */
function quote(arg: string): string {
  if (/['\n]/.test(arg)) throw new Error(`cannot pass ${JSON.stringify(arg)} to tmux`);
  return `'${arg}'`;
}
