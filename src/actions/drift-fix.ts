// The two ways out of a drift, both previewed before anything is sent or written:
//   to disk:    write what the runtime holds into the file (map/ACL files; haproxy.cfg `disabled`/`weight` for
//               servers, shown as a config diff, checked with `haproxy -c` before it stays);
//   to runtime: reset the runtime to what the files say (prepare/commit of the file's entries; `set server`).
import { createTwoFilesPatch } from 'diff';
import type { DriftItem } from '../model/drift.js';
import type { ConfigEditPlan } from './config-edit-apply.js';
import { entriesOf, parsePatternFile } from '../sources/haproxy/maps/map-file.js';
import { adminCommand, weightCommand } from './server-admin.js';
import { planMapsEdit } from './maps/plan.js';
import { readMapsInputs } from './maps/read.js';
import type { MapsPlan } from './maps/types.js';
import type { MapsDeps } from './maps/deps.js';
import type { Plan } from './types.js';

type PatternDrift = Extract<DriftItem, { kind: 'pattern' }>;
type ServerDrift = Extract<DriftItem, { kind: 'server' }>;

export async function planPatternDriftFix(deps: MapsDeps, item: PatternDrift, direction: 'to-disk' | 'to-runtime'): Promise<MapsPlan> {
  const inputs = await readMapsInputs(deps, item.table, item.file, [item.lb]);
  const input = inputs[0]!;
  const entries = direction === 'to-disk'
    ? input.runtime ?? []
    : entriesOf(parsePatternFile(input.disk?.text ?? '', item.table)).map((e) => (item.table === 'map' ? { key: e.key, value: e.value ?? '' } : { key: e.key }));
  const plan = planMapsEdit(item.table, item.file, { op: 'replace', entries }, inputs);
  plan.title = `${direction === 'to-disk' ? 'write the runtime entries to' : 'reset the runtime entries from'} ${item.file} on ${item.lb}`;
  return plan;
}

/** `set server` commands that put the runtime back to what haproxy.cfg says. */
export function planServerDriftToRuntime(items: readonly ServerDrift[]): Plan {
  const commands = items.map((i) => ({
    lb: i.lb,
    command: i.field === 'admin' ? adminCommand(i.backend, i.server, i.disk as 'ready' | 'maint') : weightCommand(i.backend, i.server, Number(i.disk)),
    before: i.field === 'admin' ? i.runtime : `weight ${i.runtime}`,
    expect: i.field === 'admin' ? i.disk : `weight ${i.disk}`,
  }));
  const rollback = items.map((i) => ({
    lb: i.lb,
    command: i.field === 'admin' ? adminCommand(i.backend, i.server, i.runtime as 'ready' | 'maint' | 'drain') : weightCommand(i.backend, i.server, Number(i.runtime)),
    expect: i.field === 'admin' ? i.runtime : `weight ${i.runtime}`,
  }));
  return {
    preview: 'servers',
    id: `drift-${Date.now().toString(36)}`,
    title: `reset ${items.length} server setting${items.length === 1 ? '' : 's'} to haproxy.cfg`,
    kind: 'raw',
    changes: items.map((i) => ({ lb: i.lb, backend: i.backend, server: i.server, from: i.field === 'admin' ? i.runtime : `weight ${i.runtime}`, to: i.field === 'admin' ? i.disk : `weight ${i.disk}`, sessions: null })),
    commands,
    rollback,
    warnings: [],
  };
}

/**
 * haproxy.cfg with the runtime admin state and weight written onto the `server` lines: `disabled` added for a
 * server in maint, removed for a ready one (a runtime drain has no config keyword: it is reported, not written),
 * `weight N` replaced or appended. Only the touched lines change; a trailing comment stays after the words.
 */
export function serverDriftToConfig(configText: string, items: readonly ServerDrift[]): { after: string; skipped: string[] } {
  const lines = configText.split('\n');
  const skipped: string[] = [];
  for (const item of items) {
    const index = item.line - 1;
    const raw = lines[index];
    // The server name is compared as a word, never pasted into a RegExp: a name is any text haproxy.cfg accepts.
    if (raw === undefined || !isServerLine(raw, item.server)) {
      skipped.push(`${item.backend}/${item.server}: line ${item.line} is not its server line any more`);
      continue;
    }
    const hash = raw.search(/\s#/);
    let body = hash >= 0 ? raw.slice(0, hash) : raw;
    const comment = hash >= 0 ? raw.slice(hash) : '';
    if (item.field === 'weight') {
      body = /\sweight\s+\d+/.test(body) ? body.replace(/(\sweight\s+)\d+/, `$1${item.runtime}`) : `${body.trimEnd()} weight ${item.runtime}`;
    } else if (item.runtime === 'maint') {
      body = body.replace(/\s+enabled(?=\s|$)/g, '');
      if (!/\sdisabled(\s|$)/.test(body)) body = `${body.trimEnd()} disabled`;
    } else if (item.runtime === 'ready') {
      body = body.replace(/\s+disabled(?=\s|$)/g, '');
    } else {
      skipped.push(`${item.backend}/${item.server}: a runtime drain has no haproxy.cfg keyword (use server-state-file to keep it across reloads)`);
      continue;
    }
    lines[index] = `${body}${comment}`;
  }
  return { after: lines.join('\n'), skipped };
}

/** The runtime server states written into haproxy.cfg on one LB, as the file diff the operator confirms. */
export function planServerDriftToConfig(lb: string, path: string, configText: string, items: readonly ServerDrift[]): ConfigEditPlan {
  const { after, skipped } = serverDriftToConfig(configText, items);
  return { preview: 'file', lb, path, before: configText, after, diff: configDiff(path, configText, after), skipped };
}

/** `server NAME ...` with exactly this name as its second word (names like `web(1)` or `a+b` included). */
function isServerLine(line: string, server: string): boolean {
  const words = line.trim().split(/\s+/);
  return words[0] === 'server' && words[1] === server && words.length > 2;
}

export function configDiff(path: string, before: string, after: string): string {
  return before === after ? '' : createTwoFilesPatch(`a${path}`, `b${path}`, before, after, undefined, undefined, { context: 2 });
}
