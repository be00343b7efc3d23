// `:` jump: find a row by name, with completion over every name in the fleet (k9s's command bar, aimed at rows).
import type { Fleet } from '../../model/fleet.js';
import type { TableRow } from './types.js';

/** Every name `:` can jump to: clusters, frontends, backends, "backend/server" and bare server names. */
export function jumpNames(fleet: Fleet): string[] {
  const names = new Set<string>();
  for (const cluster of fleet.clusters) {
    names.add(cluster.name);
    for (const fe of cluster.frontends) names.add(fe.name);
    for (const be of cluster.backends) {
      names.add(be.name);
      for (const s of be.servers) {
        names.add(s.name);
        names.add(`${be.name}/${s.name}`);
      }
    }
  }
  return [...names].sort();
}

/** Names starting with the text (case-insensitive), shortest first so the likeliest completion comes first. */
export function completions(names: readonly string[], text: string, limit = 50): string[] {
  const t = text.toLowerCase();
  const out: string[] = [];
  for (const name of names) {
    if (name.toLowerCase().startsWith(t)) out.push(name);
  }
  return out.sort((a, b) => a.length - b.length || a.localeCompare(b)).slice(0, limit);
}

/** The longest prefix shared by all candidates (what Tab fills in before cycling). */
export function commonPrefix(names: readonly string[]): string {
  if (names.length === 0) return '';
  let prefix = names[0]!;
  for (const name of names) {
    while (!name.toLowerCase().startsWith(prefix.toLowerCase())) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/**
 * Index of the row to jump to: an exact name first (a server name matches "backend/server" too), then a
 * prefix, then a substring. -1 when nothing matches.
 */
export function findRow(rows: readonly TableRow[], text: string): number {
  const t = text.trim().toLowerCase();
  if (t === '') return -1;
  const tests: ((row: TableRow) => boolean)[] = [
    (r) => r.ref.toLowerCase() === t,
    (r) => r.kind === 'server' && r.server?.toLowerCase() === t,
    (r) => r.ref.toLowerCase().startsWith(t) || (r.kind === 'server' && !!r.server?.toLowerCase().startsWith(t)),
    (r) => r.ref.toLowerCase().includes(t),
  ];
  for (const test of tests) {
    const i = rows.findIndex(test);
    if (i >= 0) return i;
  }
  return -1;
}
