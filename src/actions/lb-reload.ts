// After a persisted map/ACL edit: validate the whole config with `haproxy -c -f CONFIG` on the LB's host (with the
// binary that runs the LB: lb-binary.ts), then reload through the master CLI (`reload`) or the service manager,
// and check that it happened: the worker's pid in `show info` must change and the new worker must answer.
// The master's reply says more from 2.7 on (reload-reply.ts): `Success=0` with the config's ALERTs is a refused
// reload (the old worker keeps running: reported at once, no waiting), 3.1+'s "another reload is still in
// progress" is asked again until the deadline; HAProxy 2.6 closes without a word, and the worker pid tells.
import { checkRefusal } from '../sources/haproxy/check-output.js';
import { parseInfo } from '../sources/haproxy/parse-info.js';
import { parseReloadReply, reloadLogSummary } from '../sources/haproxy/reload-reply.js';
import type { RuntimeApi } from '../sources/haproxy/client.js';
import { lbBinary } from './lb-binary.js';
import type { AfterWrite } from './maps/types.js';
import type { MapsDeps } from './maps/deps.js';
import { runWrite, sendWrite } from './write-path.js';

/** `haproxy -c -f CONFIG` with the LB's own binary: ok with the line for the report, or why not. */
export async function checkConfig(deps: MapsDeps, lb: string, after: AfterWrite): Promise<{ ok: boolean; detail: string }> {
  const runner = deps.runner(lb);
  if (!runner) return { ok: false, detail: 'no command runner for this LB: cannot run haproxy -c' };
  if (!after.configPath) return { ok: false, detail: 'no haproxy config path for this LB: cannot run haproxy -c' };
  const binary = await lbBinary(deps, lb, after);
  if ('error' in binary) return { ok: false, detail: `haproxy -c not run: ${binary.error}` };
  const argv = [binary.bin, '-c', '-f', after.configPath];
  // Part of a write (it checks what lbtop just wrote), so it goes the write path's way: audited, never read-only.
  const result = await runWrite(deps.audit, lb, runner, argv, { timeoutMs: 30_000 });
  const output = `${result.stdout}${result.stderr}`.trim();
  const which = `${binary.bin}, HAProxy ${binary.version}${binary.note}`;
  // HAProxy's own ALERTs, all of them: the last lines alone can miss the first problems (seed 000).
  return result.code === 0
    ? { ok: true, detail: `haproxy -c: configuration valid (${which})` }
    : { ok: false, detail: `haproxy -c failed (exit ${result.code}, ${which}): ${checkRefusal(output)}` };
}

async function workerPid(api: RuntimeApi): Promise<number | null> {
  try {
    return parseInfo(await api.send('show info', 2000)).pid ?? null;
  } catch {
    return null;
  }
}

/** Reloads and waits (up to `timeoutMs`) for a new worker; the result line for the report, or an error. */
export async function reloadLb(deps: MapsDeps, lb: string, after: AfterWrite, timeoutMs = 15_000): Promise<{ ok: boolean; detail: string }> {
  const api = deps.clients.get(lb)!;
  api.close();
  const before = await workerPid(api);
  const deadline = Date.now() + timeoutMs;
  let said = '';
  if (after.via === 'master') {
    const master = deps.master(lb);
    if (!master) return { ok: false, detail: 'no master socket configured for this LB: cannot reload' };
    for (;;) {
      const sent = await sendWrite(deps.audit, lb, master, 'reload');
      if (sent.kind === 'not-sent') {
        // The 2.6 master re-executes itself on a reload: its socket refuses connections for a moment after one.
        if (Date.now() > deadline) return { ok: false, detail: `the master CLI did not take the reload: ${sent.error}` };
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      // A lost reply (2.6 closes without a word; a slow start outlasts the timeout) leaves it to the worker pid.
      const reply = sent.kind === 'unknown' ? ({ kind: 'silent' } as const) : parseReloadReply(sent.reply);
      if (reply.kind === 'failure') {
        const why = reloadLogSummary(reply.log) || 'no reason given';
        return { ok: false, detail: `HAProxy refused the reload (Success=0): ${why}; worker ${before ?? '?'} keeps running the old config` };
      }
      if (reply.kind === 'in-progress') {
        if (Date.now() > deadline) return { ok: false, detail: `HAProxy refused the reload for ${timeoutMs} ms: another reload is still in progress; nothing reloaded` };
        said = ' (asked again after "another reload is still in progress")';
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      if (reply.kind === 'success') said += ' (master: Success=1)';
      if (reply.kind === 'unknown') said += ` (master said: ${reply.text.split('\n').slice(0, 2).join(' | ')})`;
      break;
    }
  } else {
    const runner = deps.runner(lb);
    if (!runner) return { ok: false, detail: 'no command runner for this LB: cannot run systemctl' };
    const argv = ['systemctl', 'reload', after.service];
    const result = await runWrite(deps.audit, lb, runner, argv, { timeoutMs: 30_000 });
    if (result.code !== 0) return { ok: false, detail: `systemctl reload failed (exit ${result.code}): ${lastLines(result.stderr)}` };
  }
  for (;;) {
    // A kept (prompt-mode) connection still talks to the old worker, which lingers while it is open: ask on a
    // fresh one, or the reload would look like it never happened (and the old worker would never leave).
    api.close();
    const now = await workerPid(api);
    if (now !== null && before !== null && now !== before) return { ok: true, detail: `reloaded: worker ${before} → ${now}${said}` };
    if (Date.now() > deadline) {
      return { ok: false, detail: now === null ? 'no worker answers after the reload' : `the worker is still ${now} after ${timeoutMs} ms: the reload did not happen` };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function lastLines(text: string, n = 4): string {
  return text.trim().split('\n').slice(-n).join(' | ');
}
