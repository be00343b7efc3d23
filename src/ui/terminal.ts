// Full screen without help from Ink (Ink 6 on Node 20 has no alternate-screen option): enter the alternate
// screen and hide the cursor, and put the terminal back however lbtop ends — normal exit, SIGINT/SIGTERM,
// an uncaught exception or unhandled rejection. Restoring twice is harmless; an operator's shell is never
// left on a blank alternate screen with no cursor and in raw mode.

export const ENTER = '\x1b[?1049h\x1b[2J\x1b[H\x1b[?25l';
export const LEAVE = '\x1b[?25h\x1b[?1049l';

export interface TerminalGuard {
  /** Leaves the alternate screen; idempotent. */
  restore(): void;
  /** Removes the process listeners (after a normal exit). */
  dispose(): void;
}

type Proc = Pick<NodeJS.Process, 'on' | 'off' | 'exit' | 'stdin'>;

export interface GuardOptions {
  /** A signal arrived: the caller unmounts and exits with 128 + signal number. Default: process.exit. */
  onSignal?: (code: number) => void;
  /** A crash: the terminal is already restored when this runs. Default: print and process.exit(1). */
  onCrash?: (error: unknown) => void;
  proc?: Proc;
  /** Put in raw mode at once, so keys typed while lbtop starts are not echoed over the first frame. */
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WritableStream;
  /** Runs before the alternate screen is left (the screen stream stops writing: nothing lands on the shell). */
  beforeLeave?: () => void;
}

export function enterFullScreen(stdout: NodeJS.WriteStream, options: GuardOptions = {}): TerminalGuard {
  const proc = options.proc ?? process;
  const tty = stdout.isTTY === true;
  const stdin = (options.stdin ?? proc.stdin) as NodeJS.ReadStream | undefined;
  const setRaw = (on: boolean) => {
    if (stdin?.isTTY && typeof stdin.setRawMode === 'function') stdin.setRawMode(on);
  };
  let restored = !tty;
  if (tty) {
    stdout.write(ENTER);
    setRaw(true);
  }

  const restore = () => {
    if (restored) return;
    restored = true;
    options.beforeLeave?.();
    setRaw(false);
    stdout.write(LEAVE);
  };
  const onExit = () => restore();
  const onSigint = () => signal(130);
  const onSigterm = () => signal(143);
  // The SSH session to the bastion dropping sends SIGHUP: end cleanly so the demo lab and sockets are released.
  const onSighup = () => signal(129);
  const signal = (code: number) => {
    restore();
    if (options.onSignal) options.onSignal(code);
    else proc.exit(code);
  };
  const crash = (error: unknown) => {
    restore();
    if (options.onCrash) return options.onCrash(error);
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    (options.stderr ?? process.stderr).write(`lbtop crashed: ${text}\n`);
    proc.exit(1);
  };

  proc.on('exit', onExit);
  proc.on('SIGINT', onSigint);
  proc.on('SIGTERM', onSigterm);
  proc.on('SIGHUP', onSighup);
  proc.on('uncaughtException', crash);
  proc.on('unhandledRejection', crash);
  return {
    restore,
    dispose: () => {
      proc.off('exit', onExit);
      proc.off('SIGINT', onSigint);
      proc.off('SIGTERM', onSigterm);
      proc.off('SIGHUP', onSighup);
      proc.off('uncaughtException', crash);
      proc.off('unhandledRejection', crash);
    },
  };
}
