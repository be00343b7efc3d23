// After a persisted map/ACL edit: validate the whole config with `haproxy -c -f CONFIG` on the LB's host, then
// reload through the master CLI (`reload`) or the service manager, and check that it happened: the worker's
// pid in `show info` must change and the new worker must answer. HAProxy 2.6's master closes the connection on
// `reload` without a word, so the outcome is read from the worker, never from that reply.
import { checkRefusal } from '../sources/haproxy/check-output.js';
import { parseInfo } from '../sources/haproxy/parse-info.js';
import type { RuntimeApi } from '../sources/haproxy/client.js';
import type { AfterWrite } from './pattern-types.js';
import type { RoutingDeps } from './routing-deps.js';
import { runWrite, sendWrite } from './write-path.js';

export async function checkConfig(deps: RoutingDeps, lb: string, after: AfterWrite): Promise<string | null> {
  const runner = deps.runner(lb);
  if (!runner) return 'no command runner for this LB: cannot run haproxy -c';
  if (!after.configPath) return 'no haproxy config path for this LB: cannot run haproxy -c';
  const argv = [after.bin, '-c', '-f', after.configPath];
  // Part of a write (it checks what lbtop just wrote), so it goes the write path's way: audited, never read-only.
  const result = await runWrite(deps.audit, lb, runner, argv, { timeoutMs: 30_000 });
  const output = `${result.stdout}${result.stderr}`.trim();
  // HAProxy's own ALERTs, all of them: the last lines alone can miss the first problems (seed 000).
  return result.code === 0 ? null : `haproxy -c failed (exit ${result.code}): ${checkRefusal(output)}`;
}

async function workerPid(api: RuntimeApi): Promise<number | null> {
  try {
    return parseInfo(await api.send('show info', 2000)).pid ?? null;
  } catch {
    return null;
  }
}

/** Reloads and waits (up to `timeoutMs`) for a new worker; the result line for the report, or an error. */
export async function reloadLb(deps: RoutingDeps, lb: string, after: AfterWrite, timeoutMs = 15_000): Promise<{ ok: boolean; detail: string }> {
  const api = deps.clients.get(lb)!;
  api.close();
  const before = await workerPid(api);
  if (after.via === 'master') {
    const master = deps.master(lb);
    if (!master) return { ok: false, detail: 'no master socket configured for this LB: cannot reload' };
    // 2.6's master closes without a word on `reload`: a lost reply is the normal case, the worker pid tells.
    await sendWrite(deps.audit, lb, master, 'reload');
  } else {
    const runner = deps.runner(lb);
    if (!runner) return { ok: false, detail: 'no command runner for this LB: cannot run systemctl' };
    const argv = ['systemctl', 'reload', after.service];
    const result = await runWrite(deps.audit, lb, runner, argv, { timeoutMs: 30_000 });
    if (result.code !== 0) return { ok: false, detail: `systemctl reload failed (exit ${result.code}): ${lastLines(result.stderr)}` };
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A kept (prompt-mode) connection still talks to the old worker, which lingers while it is open: ask on a
    // fresh one, or the reload would look like it never happened (and the old worker would never leave).
    api.close();
    const now = await workerPid(api);
    if (now !== null && before !== null && now !== before) return { ok: true, detail: `reloaded: worker ${before} → ${now}` };
    if (Date.now() > deadline) {
      return { ok: false, detail: now === null ? 'no worker answers after the reload' : `the worker is still ${now} after ${timeoutMs} ms: the reload did not happen` };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function lastLines(text: string, n = 4): string {
  return text.trim().split('\n').slice(-n).join(' | ');
}
