// Which haproxy binary checks a config for an LB: the one running it. A config for 3.0 checked by a 2.6 binary
// on PATH (or the reverse) can be accepted or refused wrongly, so the binary comes from the running process —
// `readlink /proc/PID/exe` of the worker `show info` names, run on the LB's host (locally or over SSH through
// its CommandRunner) — and its `-v` must name the version `show info` reports. `haproxy.bin` overrides the
// lookup (still version-checked). When /proc cannot be read (another user's process without sudo), `haproxy`
// from PATH is used if, and only if, it is the running version.
import { parseInfo } from '../sources/haproxy/parse-info.js';
import type { AfterWrite } from './maps/types.js';
import type { MapsDeps } from './maps/deps.js';

export type LbBinary = { bin: string; version: string; note: string } | { error: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `HAProxy version 3.0.11-1+deb13u4 2026/10/15 - …` → `3.0.11-1+deb13u4`. */
export function versionOfDashV(text: string): string | null {
  return /^HA-?Proxy version (\S+)/m.exec(text)?.[1] ?? null;
}

export async function lbBinary(deps: MapsDeps, lb: string, after: AfterWrite): Promise<LbBinary> {
  const runner = deps.runner(lb);
  if (!runner) return { error: 'no command runner for this LB: cannot run haproxy -c' };
  let pid: number | null;
  let running: string;
  try {
    const info = parseInfo(await deps.clients.get(lb)!.send('show info', 5000));
    pid = info.pid ?? null;
    running = info.version;
  } catch (error) {
    return { error: `cannot tell which HAProxy runs this LB (show info: ${message(error)})` };
  }
  let bin = after.bin;
  let note = after.bin === null ? '' : ' (haproxy.bin)';
  let replaced = false;
  if (bin === null) {
    const link = pid === null ? null : await runner.run(['readlink', `/proc/${pid}/exe`], { timeoutMs: 10_000 }).catch((e: unknown) => ({ code: -1, stdout: '', stderr: message(e) }));
    const target = link?.code === 0 ? link.stdout.trim() : '';
    if (target.startsWith('/')) {
      // Upgraded in place: the running file is gone; a reload (the master re-executes the path) starts the new one.
      replaced = target.endsWith(' (deleted)');
      bin = replaced ? target.slice(0, -' (deleted)'.length) : target;
      note = replaced ? ` (the running binary was replaced on disk: checked with the new ${bin}, which a reload starts)` : '';
    } else {
      bin = 'haproxy';
      note = ` (haproxy from PATH: /proc/${pid ?? '?'}/exe not readable${link ? `: ${(link.stderr || link.stdout).trim().split('\n')[0]}` : ''})`;
    }
  }
  const dashV = await runner.run([bin, '-v'], { timeoutMs: 10_000 }).catch((e: unknown) => ({ code: -1, stdout: '', stderr: message(e) }));
  const version = dashV.code === 0 ? versionOfDashV(dashV.stdout) : null;
  if (version === null) return { error: `cannot run ${bin} -v on the LB's host: ${(dashV.stderr || dashV.stdout).trim().split('\n')[0] || `exit ${dashV.code}`}` };
  if (version !== running && !replaced) {
    return { error: `${bin} is HAProxy ${version} but the LB runs ${running}: its haproxy -c could accept or refuse the config wrongly (set haproxy.bin to the LB's binary)` };
  }
  return { bin, version, note };
}
