// One `sudo:` per LB host: every command lbtop runs there (failover sources and steps, the map editor's files and
// reloads, BGP reads, user commands) goes under `sudo -n` or none does (src/runtime/host-runners.ts applies it).
// The LB's own `sudo:` wins, then `defaults.sudo` (lb-defaults.ts). `routing: { sudo: … }` is the older,
// per-feature key: still read, as the LB's `sudo:` when that is not written, with a warning saying so.
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The LB's deprecated `routing.sudo`, when written. */
export function routingSudo(raw: Obj): boolean | undefined {
  const value = isObj(raw.routing) ? raw.routing.sudo : undefined;
  return typeof value === 'boolean' ? value : undefined;
}

/** The LB's `sudo:` (defaults already applied, lb-defaults.ts), the old `routing.sudo` standing in for it. */
export function lbSudo(raw: Obj): boolean {
  return typeof raw.sudo === 'boolean' ? raw.sudo : (routingSudo(raw) ?? false);
}

/** The warning for an LB that still writes `routing.sudo` (its own raw map, before defaults), or null. */
export function routingSudoWarning(own: unknown): string | null {
  if (!isObj(own)) return null;
  const old = routingSudo(own);
  if (old === undefined) return null;
  if (typeof own.sudo === 'boolean' && own.sudo !== old) {
    return `routing.sudo is deprecated and ignored here: the LB's sudo: ${own.sudo} applies to every command lbtop runs on its host`;
  }
  return `routing.sudo is deprecated: write sudo: ${old} on the LB (it applies to every command lbtop runs on its host)`;
}
