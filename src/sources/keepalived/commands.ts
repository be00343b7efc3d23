// How lbtop asks a running keepalived for its state, as data. keepalived has no query socket: a signal makes the
// VRRP process write a file, which is then read. The signal numbers must be asked of the same host's keepalived
// (`keepalived --signum=DATA`): JSON is a real-time signal (36 on keepalived 2.2.7 / Debian 12), so its number
// depends on the build and libc. A build without --enable-json fails `--signum=JSON`.
import { ParseError } from '../../model/errors.js';

export type KeepalivedDump = 'DATA' | 'JSON';

/** Where keepalived writes each dump: /tmp, fixed (its tmp_dir); a private /tmp (systemd PrivateTmp) moves it. */
export const DUMP_FILES: Readonly<Record<KeepalivedDump, string>> = {
  DATA: '/tmp/keepalived.data',
  JSON: '/tmp/keepalived.json',
};

/** The parent process's pid file on Debian and upstream defaults. */
export const DEFAULT_PID_FILE = '/run/keepalived.pid';

export function signumArgv(dump: KeepalivedDump): string[] {
  return ['keepalived', `--signum=${dump}`];
}

/** `keepalived --signum=X` prints the number alone ("10"). */
export function parseSignum(text: string): number {
  const lines = text.trim().split('\n');
  const first = lines[0]?.trim() ?? '';
  if (lines.length !== 1 || !/^\d{1,2}$/.test(first) || Number(first) < 1 || Number(first) > 64) {
    throw new ParseError(`keepalived --signum: expected a signal number, got "${first.slice(0, 80)}"`, 1);
  }
  return Number(first);
}

export function signalArgv(signum: number, pid: number): string[] {
  return ['kill', '-s', String(signum), String(pid)];
}

/**
 * keepalived rewrites the file in place, so a read can race the write: the data parser reports a dump without its
 * last section as truncated (ParseError), and the poller reads again on its next tick.
 */
export function readDumpArgv(dump: KeepalivedDump): string[] {
  return ['cat', DUMP_FILES[dump]];
}

/** mtime with nanoseconds ("1795436471.388963412"); "absent" when there is no file yet. */
export const mtimeArgv = (file: string) => ['sh', '-c', 'stat -c %.9Y -- "$1" 2>/dev/null || echo absent', 'sh', file];
