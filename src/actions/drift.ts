// Runtime vs. disk: everything a reload would silently revert. Pure functions over what drift-read.ts fetched.
//   - map/ACL entries: the runtime list against the file (`show map FILE` vs the file HAProxy would load);
//   - servers: the runtime admin state and weight (`show servers state`) against haproxy.cfg on disk
//     (`disabled`, `weight`, also from default-server). A drain or maint set at runtime, or a weight changed
//     at runtime, is gone after a reload, unless the state is carried over with `server-state-file`.
import type { PatternEntryRow, PatternKind } from '../model/maps.js';
import type { DriftItem } from '../model/drift.js';
import { SrvAdmin, type ServerState } from '../model/haproxy.js';
import type { HaproxyConfig, ProxySection } from '../model/haproxy-config.js';
import { entriesOf, parsePatternFile } from '../sources/haproxy/maps/map-file.js';

const text = (e: PatternEntryRow) => `${e.key}\u0000${e.value ?? ''}`;

export function patternDrift(lb: string, kind: PatternKind, file: string, runtime: readonly PatternEntryRow[], diskText: string): DriftItem | null {
  const disk = entriesOf(parsePatternFile(diskText, kind)).map((e) => (kind === 'map' ? { key: e.key, value: e.value ?? '' } : { key: e.key }));
  const count = (list: readonly PatternEntryRow[]) => {
    const m = new Map<string, number>();
    for (const e of list) m.set(text(e), (m.get(text(e)) ?? 0) + 1);
    return m;
  };
  const r = count(runtime);
  const d = count(disk);
  const only = (list: readonly PatternEntryRow[], mine: Map<string, number>, other: Map<string, number>) => {
    const left = new Map(other);
    return list.filter((e) => {
      const n = left.get(text(e)) ?? 0;
      if (n > 0) {
        left.set(text(e), n - 1);
        return false;
      }
      return mine.has(text(e));
    });
  };
  let runtimeOnly = only(runtime, r, d);
  let diskOnly = only(disk, d, r);
  // Same key on both sides with another value: one "changed" row rather than a removal and an addition.
  const changed: { key: string; runtime: string; disk: string }[] = [];
  if (kind === 'map') {
    for (const e of [...runtimeOnly]) {
      const twin = diskOnly.find((x) => x.key === e.key);
      if (!twin) continue;
      changed.push({ key: e.key, runtime: e.value ?? '', disk: twin.value ?? '' });
      runtimeOnly = runtimeOnly.filter((x) => x !== e);
      diskOnly = diskOnly.filter((x) => x !== twin);
    }
  }
  const orderOnly = runtimeOnly.length === 0 && diskOnly.length === 0 && changed.length === 0 && runtime.some((e, i) => text(e) !== text(disk[i]!));
  if (runtimeOnly.length === 0 && diskOnly.length === 0 && changed.length === 0 && !orderOnly) return null;
  return { kind: 'pattern', lb, table: kind, file, runtimeOnly, diskOnly, changed, orderOnly };
}

function defaultsOf(config: HaproxyConfig, proxy: ProxySection): ProxySection | undefined {
  return config.proxies.find((p) => p.kind === 'defaults' && p.name === proxy.defaultsName && p.line < proxy.line);
}

/** What haproxy.cfg says of each server: maint (`disabled`) or ready, and its weight (default 1). */
export function configuredServers(config: HaproxyConfig): Map<string, { admin: 'maint' | 'ready'; weight: number; line: number }> {
  const out = new Map<string, { admin: 'maint' | 'ready'; weight: number; line: number }>();
  for (const proxy of config.proxies) {
    if (proxy.kind !== 'backend' && proxy.kind !== 'listen') continue;
    const dflt = proxy.defaultServer ?? defaultsOf(config, proxy)?.defaultServer ?? null;
    for (const s of proxy.servers) {
      const disabled = s.options.includes('disabled') || s.options.includes('enabled') ? s.disabled : dflt?.disabled ?? false;
      out.set(`${proxy.name}/${s.name}`, { admin: disabled ? 'maint' : 'ready', weight: s.weight ?? dflt?.weight ?? 1, line: s.line });
    }
  }
  return out;
}

// `disabled` in the config starts a server with CMAINT|FMAINT; `set server state ready` clears FMAINT and leaves
// CMAINT as a mere marker (the server runs: seen on 2.6.12), so FMAINT alone says maint.
function runtimeAdmin(state: ServerState): 'maint' | 'drain' | 'ready' {
  if (state.adminState & SrvAdmin.FMAINT) return 'maint';
  if (state.adminState & SrvAdmin.FDRAIN) return 'drain';
  return 'ready';
}

export function serverDrift(lb: string, config: HaproxyConfig, states: ReadonlyMap<string, ServerState>): DriftItem[] {
  const items: DriftItem[] = [];
  for (const [key, want] of configuredServers(config)) {
    const state = states.get(key);
    if (!state) continue;
    const [backend, server] = [state.backend, state.server];
    const admin = runtimeAdmin(state);
    if (admin !== want.admin) items.push({ kind: 'server', lb, backend, server, line: want.line, field: 'admin', runtime: admin, disk: want.admin });
    if (state.userWeight !== want.weight) {
      items.push({ kind: 'server', lb, backend, server, line: want.line, field: 'weight', runtime: String(state.userWeight), disk: String(want.weight) });
    }
  }
  return items;
}

/** `server-state-file` in global and `load-server-state-from-file` somewhere: a reload can carry states over. */
export function usesServerStateFile(config: HaproxyConfig): boolean {
  const global = config.global?.lines.some((l) => l.words[0] === 'server-state-file') ?? false;
  const load = config.proxies.some((p) => p.lines.some((l) => l.words[0] === 'load-server-state-from-file' && l.words[1] !== 'none'));
  return global && load;
}
