// `show servers state` of one HAProxy, kept per backend.
//
// At 10,000 servers a poll that found one server's state moved copied the whole 10,000-entry map to change one
// entry (~0.5 MB, straight into V8's old generation: ~10 MB of garbage a minute with checks and flapping servers),
// and every consumer compared the two maps entry by entry. Here a change copies the backends' index (hundreds of
// entries) and that backend's states; every other backend keeps its map, so consumers skip them by reference.
import type { ServerState } from '../../model/haproxy.js';

type Part = ReadonlyMap<string, ServerState>;

export class ServerStates implements ReadonlyMap<string, ServerState> {
  readonly size: number;

  private constructor(readonly backends: ReadonlyMap<string, Part>) {
    let size = 0;
    for (const part of backends.values()) size += part.size;
    this.size = size;
  }

  /**
   * The states of a whole read (keyed "backend/server", in HAProxy's order: by backend), grouped by backend. A
   * backend whose states are all the very objects `previous` holds keeps its map from `previous`.
   */
  static of(flat: Iterable<[string, ServerState]>, previous: ServerStates | null): ServerStates {
    const grouped = new Map<string, Map<string, ServerState>>();
    for (const [key, state] of flat) {
      let part = grouped.get(state.backend);
      if (!part) grouped.set(state.backend, (part = new Map()));
      part.set(key, state);
    }
    const backends = new Map<string, Part>();
    for (const [backend, part] of grouped) {
      const old = previous?.backends.get(backend);
      backends.set(backend, old && sameEntries(old, part) ? old : part);
    }
    return new ServerStates(backends);
  }

  /** A copy with these backends' states replaced (a map per backend, as read by `show servers state BACKEND`). */
  with(replaced: ReadonlyMap<string, Part>): ServerStates {
    const backends = new Map(this.backends);
    for (const [backend, part] of replaced) backends.set(backend, part);
    return new ServerStates(backends);
  }

  get(key: string): ServerState | undefined {
    const slash = key.indexOf('/');
    return slash < 0 ? undefined : this.backends.get(key.slice(0, slash))?.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  *entries(): MapIterator<[string, ServerState]> {
    for (const part of this.backends.values()) yield* part;
    return undefined;
  }

  *keys(): MapIterator<string> {
    for (const part of this.backends.values()) yield* part.keys();
    return undefined;
  }

  *values(): MapIterator<ServerState> {
    for (const part of this.backends.values()) yield* part.values();
    return undefined;
  }

  forEach(callback: (state: ServerState, key: string, map: ReadonlyMap<string, ServerState>) => void, thisArg?: unknown): void {
    for (const [key, state] of this.entries()) callback.call(thisArg, state, key, this);
  }

  [Symbol.iterator](): MapIterator<[string, ServerState]> {
    return this.entries();
  }
}

function sameEntries(a: Part, b: Part): boolean {
  if (a.size !== b.size) return false;
  const theirs = a.entries();
  for (const [key, state] of b) {
    const next = theirs.next().value as [string, ServerState];
    if (next[0] !== key || next[1] !== state) return false;
  }
  return true;
}

/** The backends whose states differ between two reads of one HAProxy; null when they cannot be told apart so. */
export function backendsMoved(before: ReadonlyMap<string, ServerState>, after: ReadonlyMap<string, ServerState>): Set<string> | null {
  if (!(before instanceof ServerStates) || !(after instanceof ServerStates)) return null;
  const moved = new Set<string>();
  for (const [backend, part] of after.backends) if (before.backends.get(backend) !== part) moved.add(backend);
  for (const backend of before.backends.keys()) if (!after.backends.has(backend)) moved.add(backend);
  return moved;
}
