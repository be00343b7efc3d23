// The in-memory state of every LB: last good snapshot, health, changed cells and the event timeline.
// Pollers feed it; the UI and actions read it. On failure the last good snapshot stays, marked stale.
import type { TimelineEvent } from '../model/events.js';
import type { LbHealth, LbState } from '../model/fleet.js';
import type { HaproxySnapshot } from '../model/haproxy.js';
import { diffSnapshots } from './diff.js';
import { Trends } from './trends.js';
import type { CellKey, StoreReader, StoreState } from './types.js';

/** How long a measure must hold still for its next change to be highlighted (see measureChanges). */
export const MEASURE_STEADY_MS = 10_000;

export interface FleetStoreOptions {
  /** How many events to keep; the oldest go first. */
  eventCap?: number;
  /** How long a changed cell stays in changedCells. */
  highlightMs?: number;
  now?: () => number;
  /**
   * Listeners hear at most once per this many milliseconds (the first change at once, later ones together at the
   * end of the window); 0, the default, tells them of every change as it happens. A fleet of hundreds of LBs
   * commits hundreds of polls a second, and a listener (the TUI's render) that runs on each one costs the fleet's
   * size squared: a window makes it one run per window, whatever the fleet's size.
   */
  notifyEveryMs?: number;
  /** Polls of history kept per row (default HISTORY_LENGTH). */
  historyLength?: number;
}

/**
 * The latency an LB shows is its slowest of this many latest polls. The TUI's polls alternate a few cheap ones
 * with a full read (focused-stat.ts), so the latest alone jumps by 5× every few seconds: noise on screen, and a
 * redraw each time. The slowest recent poll is steady and is the number an operator needs: how slow it gets.
 */
export const LATENCY_WINDOW = 10;

interface Draft {
  lbs: Map<string, LbState>;
  events: TimelineEvent[];
  cells: Map<CellKey, number>;
}

export class FleetStore implements StoreReader {
  private state: StoreState;
  private readonly listeners = new Set<() => void>();
  private readonly eventCap: number;
  private readonly highlightMs: number;
  private readonly now: () => number;
  /** Per LB, the latencies of its last LATENCY_WINDOW successful polls, newest last. */
  private readonly latencies = new Map<string, number[]>();
  private readonly notifyEveryMs: number;
  private lastNotified = -Infinity;
  private pendingNotify: NodeJS.Timeout | null = null;
  /**
   * Commits not yet in `state`: the LBs' new states, new events and the changed cells, folded into a new state by
   * the next getState(). A commit used to copy the map of every LB: at 500 LBs that is 500 copies of 500 entries
   * a second, when the TUI reads the state ten times a second (bench/ssh-fleet.ts --shape k8s).
   */
  private draft: Draft | null = null;
  /** Each row's recent polls (session rate, 5xx rate, queue): the TRAFFIC/HTTP sparklines and the detail pane. */
  readonly trends: Trends;
  /**
   * When each measure cell (sessions, queue, rates, errors) last changed, highlighted or not, oldest first: a
   * measure is highlighted only when it moves after holding still for MEASURE_STEADY_MS. A busy frontend's
   * sessions change at every poll; lit all the time, the highlight said nothing and cost a colour change per
   * poll on the terminal (a fifth of the bytes at 10,000 servers with traffic).
   */
  private readonly measureChanges = new Map<CellKey, number>();

  constructor(lbs: { name: string; endpoint: string }[], options: FleetStoreOptions = {}) {
    this.eventCap = options.eventCap ?? 10_000;
    this.highlightMs = options.highlightMs ?? 3_000;
    this.now = options.now ?? Date.now;
    this.notifyEveryMs = options.notifyEveryMs ?? 0;
    this.trends = new Trends(options.historyLength);
    const map = new Map<string, LbState>();
    for (const lb of lbs) map.set(lb.name, { health: initialHealth(lb.name, lb.endpoint), snapshot: null });
    this.state = { lbs: map, events: [], changedCells: new Map(), revision: 0 };
  }

  getState(): StoreState {
    const draft = this.draft;
    if (!draft) return this.state;
    this.draft = null;
    const lbs = new Map(this.state.lbs);
    for (const [name, next] of draft.lbs) lbs.set(name, next);
    let all = this.state.events;
    if (draft.events.length > 0) {
      all = all.concat(draft.events);
      if (all.length > this.eventCap) all = all.slice(all.length - this.eventCap);
    }
    this.state = { lbs, events: all, changedCells: draft.cells, revision: this.state.revision + 1 };
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `endpoint`: the transport's label now (an SSH route is only known after the first connect). */
  recordSuccess(lb: string, snapshot: HaproxySnapshot, endpoint?: string): void {
    const current = this.requireLb(lb);
    const events: TimelineEvent[] = [];
    const cells = this.freshCells(snapshot.at);
    this.trends.record(lb, snapshot);
    if (current.snapshot) {
      const diff = diffSnapshots(lb, current.snapshot, snapshot);
      events.push(...diff.events);
      for (const key of diff.changedCells) touch(cells, key, snapshot.at);
      dropOlder(this.measureChanges, snapshot.at, MEASURE_STEADY_MS);
      for (const key of diff.changedMeasures) {
        const busy = this.measureChanges.has(key); // it moved within MEASURE_STEADY_MS: not news
        touch(this.measureChanges, key, snapshot.at);
        if (!busy) touch(cells, key, snapshot.at);
      }
    }
    if (!current.health.ok && current.health.lastOkAt !== null) {
      events.push({ at: snapshot.at, lb, kind: 'lb', subject: '', from: 'unreachable', to: 'reachable' });
    }
    const health: LbHealth = {
      ...current.health,
      endpoint: endpoint ?? current.health.endpoint,
      ok: true,
      stale: false,
      error: null,
      lastOkAt: snapshot.at,
      latencyMs: this.slowestRecent(lb, snapshot.latencyMs),
      consecutiveFailures: 0,
      version: snapshot.info.version,
    };
    this.commit(lb, { health, snapshot }, events);
  }

  recordFailure(lb: string, error: unknown, endpoint?: string): void {
    const current = this.requireLb(lb);
    const message = error instanceof Error ? error.message : String(error);
    const events: TimelineEvent[] = [];
    if (current.health.ok) {
      events.push({ at: this.now(), lb, kind: 'lb', subject: '', from: 'reachable', to: 'unreachable', detail: message });
    }
    const health: LbHealth = {
      ...current.health,
      endpoint: endpoint ?? current.health.endpoint,
      ok: false,
      stale: current.snapshot !== null,
      error: message,
      consecutiveFailures: current.health.consecutiveFailures + 1,
    };
    this.freshCells(this.now());
    this.commit(lb, { health, snapshot: current.snapshot }, events);
  }

  /** Records what lbtop itself did, so the timeline shows cause next to effect. */
  recordAction(lb: string, subject: string, detail: string): void {
    const event: TimelineEvent = { at: this.now(), lb, kind: 'action', subject, from: '', to: '', detail };
    this.commit(lb, this.requireLb(lb), [event]);
  }

  /** Events seen by other pollers (keepalived, heartbeat, BIRD, VIP truth), on the same timeline. */
  recordEvents(events: readonly TimelineEvent[]): void {
    if (events.length === 0) return;
    this.addEvents(this.openDraft(), events);
    this.notify();
  }

  private commit(lb: string, next: LbState, events: TimelineEvent[]): void {
    const draft = this.openDraft();
    draft.lbs.set(lb, next);
    this.addEvents(draft, events);
    this.notify();
  }

  /** Capped here too: a store nobody reads (a subcommand's) must not collect events without end. */
  private addEvents(draft: Draft, events: readonly TimelineEvent[]): void {
    if (events.length === 0) return;
    draft.events.push(...events);
    if (draft.events.length > this.eventCap) draft.events.splice(0, draft.events.length - this.eventCap);
  }

  /** The commits since the last getState(), started with the state's cells (copied: the state is never changed). */
  private openDraft(): Draft {
    return (this.draft ??= { lbs: new Map(), events: [], cells: new Map(this.state.changedCells) });
  }

  private notify(): void {
    if (this.pendingNotify) return; // the window's end tells them of this change too
    const wait = this.lastNotified + this.notifyEveryMs - performance.now();
    if (this.notifyEveryMs <= 0 || wait <= 0) return this.tell();
    this.pendingNotify = setTimeout(() => this.tell(), wait);
  }

  private tell(): void {
    if (this.pendingNotify) clearTimeout(this.pendingNotify);
    this.pendingNotify = null;
    this.lastNotified = performance.now();
    for (const listener of this.listeners) listener();
  }

  private slowestRecent(lb: string, latencyMs: number): number {
    const recent = this.latencies.get(lb) ?? [];
    recent.push(latencyMs);
    if (recent.length > LATENCY_WINDOW) recent.shift();
    this.latencies.set(lb, recent);
    return Math.max(...recent);
  }

  /**
   * The draft's changed cells, without the entries whose highlight has expired by `at`. They are in the order they
   * last changed, so only the expired ones at the front are visited: going through all of them on every commit was
   * thousands of cells times 500 polls a cycle at seed 003's fleet size. (Polls that land out of order by a few ms
   * may keep a cell highlighted that much longer.)
   */
  private freshCells(at: number): Map<CellKey, number> {
    const cells = this.openDraft().cells;
    dropOlder(cells, at, this.highlightMs);
    return cells;
  }

  private requireLb(lb: string): LbState {
    const state = this.draft?.lbs.get(lb) ?? this.state.lbs.get(lb);
    if (!state) throw new Error(`unknown LB ${lb}`);
    return state;
  }
}

function initialHealth(name: string, endpoint: string): LbHealth {
  return { name, endpoint, ok: false, stale: false, error: null, lastOkAt: null, latencyMs: null, consecutiveFailures: 0, version: null };
}

/** Sets `key` to `at` as the newest entry (deleted first): the map stays in the order its keys last changed. */
function touch(map: Map<CellKey, number>, key: CellKey, at: number): void {
  map.delete(key);
  map.set(key, at);
}

/** Drops the entries at least `ms` old at `at`: in the order they last changed, only the front is visited. */
function dropOlder(map: Map<CellKey, number>, at: number, ms: number): void {
  for (const [key, when] of map) {
    if (at - when < ms) break;
    map.delete(key);
  }
}
