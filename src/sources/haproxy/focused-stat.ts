// `show stat` for the TUI's poller at fleet scale: every row, without reading every row every second.
//
// At 10,000 servers a full `show stat` is ~2.5 MB; reading and parsing it every second cost more CPU than all of
// hatop (which reads its first 1,000 lines and drops the rest). An operator looks at one screen of servers, and a
// server entering or leaving rotation, drained or re-weighted moves its backend's row. So between full reads (every
// `fullEvery` polls) a poll reads the frontend and backend rows (`show stat -1 3 -1`, ~5% of the bytes) plus, per
// backend (`show stat IID 4 -1`), the servers of the backends on screen and of every backend whose row says a
// server moved (status, active/backup counts, total weight). What this can miss between full reads: a check result
// that has not yet changed a state, an admin change on a server already out of rotation (DOWN → MAINT), and the
// counters of off-screen servers; all within `fullEvery` polls.
// Anything unexpected (a proxy or server added or removed, too many backends to read) falls back to a full read,
// and a small HAProxy (up to SMALL_STAT_ROWS rows) is read whole every poll: one command beats several there.
import type { StatRow } from '../../model/haproxy.js';
import { StatParser } from './parse-stat.js';
import { keepsRow } from './row-identity.js';

/** Sends one command and resolves with its reply's bytes (see reply-bytes.ts). */
export type Ask = (command: string) => Promise<Buffer>;

export interface FocusedStatOptions {
  /** A full `show stat` every this many reads (1: always full). */
  fullEvery?: number;
  /**
   * A full read every fullEvery reads, or less often when it holds more rows than this per read in between: the
   * off-screen rows a poll reads on average, at most (see FULL_READ_ROWS_PER_SECOND). Unset: no such bound.
   */
  fullRowsPerRead?: number;
  /** More backends than this to read one by one: one full read is cheaper. */
  maxBackendReads?: number;
  /** Backends whose servers the first read adds to the proxy rows, before the screen has named any (default 2). */
  firstBackends?: number;
  /**
   * With a focus, the first reads are the frontends and backends (with the first backends' servers), the rest
   * next (default true): the first screen of one LB of 10,000 servers at once. false for a fleet of hundreds of
   * small LBs, where it doubled the polls of the cold start for no bytes saved.
   */
  proxiesFirst?: boolean;
  /**
   * Up to this many rows (default SMALL_STAT_ROWS), every read is a full one: a few hundred lines cost less to
   * read and compare than the three to six commands of a focused read (hatop reads its first 1,000 every refresh).
   */
  fullUpToRows?: number;
}

/**
 * At or below this many rows a full `show stat` is read on every poll: a focused read is several commands (proxies,
 * then the backends on screen), one round trip more per poll over SSH, and below ~1,000 rows comparing the whole
 * reply costs less than those commands (hatop reads its first 1,000 rows every refresh). Seed 003's LBs (an HAProxy
 * on every Kubernetes node, 3 servers) are hundreds of these; the bytes saved by a focus are nothing.
 */
export const SMALL_STAT_ROWS = 1000;

/** Where the rows of one full read sit, so partial replies can be written over them in place. */
interface Layout {
  /** Positions of the frontend and backend rows, in HAProxy's order (the order of `show stat -1 3 -1`). */
  proxySlots: number[];
  /** Backend name → positions of its server rows, in HAProxy's order (the order of `show stat IID 4 -1`). */
  serverSlots: Map<string, number[]>;
}

export class FocusedStatReader {
  private readonly full = new StatParser();
  private readonly proxies = new StatParser();
  /** One parser per backend read on its own, so its unchanged rows keep their identity from poll to poll. */
  private perBackend = new Map<string, StatParser>();
  private rows: StatRow[] | null = null;
  private layout: Layout | null = null;
  private sinceFull = 0;
  private focus: ReadonlySet<string> | null = null;
  private primed = false;
  private firstServersRead = false;

  constructor(
    private readonly ask: Ask,
    private readonly options: FocusedStatOptions = {},
  ) {}

  /** The backends whose servers are read on every poll; null reads everything every poll (the default). */
  setFocus(backends: ReadonlySet<string> | null): void {
    this.focus = backends;
  }

  /**
   * True when the next read is one whole `show stat` whatever the focus (a small HAProxy, see fullUpToRows): the
   * caller may send that command ahead with others in one write (SnapshotReader) and hand the reply to `ask`.
   */
  nextReadIsWhole(): boolean {
    return this.rows !== null && this.rows.length <= (this.options.fullUpToRows ?? SMALL_STAT_ROWS);
  }

  /** The next read is a full one (after an action: its effect must show everywhere at once). */
  invalidate(): void {
    this.sinceFull = Infinity;
  }

  /**
   * The rows; `serversPending` when some servers are still left out: the first read with a focus has the frontends
   * and backends only, and the next one (once the screen names its backends) adds those backends' servers.
   */
  async read(): Promise<{ rows: StatRow[]; serversPending: boolean }> {
    if (this.focus && !this.rows && !this.primed && this.options.proxiesFirst !== false) {
      // The first screen, at once: a few hundred proxy rows instead of every server (~5% of the bytes), with the
      // servers of the first backends: before the screen has said anything, the likeliest on it (one LB's table
      // follows HAProxy's order), so a first screen can show server rows without waiting for the UI to ask.
      this.primed = true;
      const rows = await this.readWithServers((backends) => backends.slice(0, this.options.firstBackends ?? 2));
      return { rows: rows ?? this.proxies.parseBytes(await this.ask('show stat -1 3 -1')), serversPending: true };
    }
    if (this.focus && this.focus.size > 0 && !this.rows && !this.firstServersRead && this.options.proxiesFirst !== false) {
      // Then the servers on screen, before the other thousands: 10,000 rows take a few hundred ms to read and parse.
      this.firstServersRead = true;
      const focus = this.focus;
      const rows = await this.readWithServers((backends) => backends.filter((row) => focus.has(row.proxy)).slice(0, this.options.maxBackendReads ?? 16));
      if (rows) return { rows, serversPending: true };
    }
    const fullEvery = this.fullEvery();
    const small = this.rows !== null && this.rows.length <= (this.options.fullUpToRows ?? SMALL_STAT_ROWS);
    if (this.focus && this.rows && this.layout && !small && ++this.sinceFull < fullEvery) {
      const partial = await this.readPartial(this.focus, this.rows, this.layout);
      if (partial) return { rows: partial, serversPending: false };
    }
    return { rows: await this.readFull(), serversPending: false };
  }

  /** Reads from one full read to the next: fullEvery, stretched by fullRowsPerRead for a big HAProxy. */
  private fullEvery(): number {
    const every = this.options.fullEvery ?? 5;
    const perRead = this.options.fullRowsPerRead;
    if (!perRead || !this.rows) return every;
    return Math.max(every, Math.ceil(this.rows.length / perRead));
  }

  private async readFull(): Promise<StatRow[]> {
    const rows = this.full.parseBytes(await this.ask('show stat'));
    const previous = this.rows;
    this.sinceFull = 0;
    if (previous && previous.length === rows.length) {
      let same = true;
      for (let i = 0; i < rows.length; i++) {
        rows[i] = adopt(previous[i]!, rows[i]!);
        if (rows[i] !== previous[i]) same = false;
      }
      // Nothing moved: the array (and layout) kept since the last read stay, and the new ones die young. Kept
      // arrays of 10,000 rows made anew every few seconds were most of what reached V8's old generation.
      if (same) return previous;
      if (this.layout && sameLayout(previous, rows)) {
        this.rows = rows;
        return rows;
      }
    }
    this.rows = rows;
    this.layout = layoutOf(rows);
    return rows;
  }

  /**
   * The proxy rows with the servers of the backends `pick` chooses (from the backend rows, in HAProxy's order)
   * before each one's row, as `show stat` orders them. While no server is shown, more backends fit on screen than
   * will once their servers are: of the focused ones the first (the table's order for one LB) are read.
   */
  private async readWithServers(pick: (backends: StatRow[]) => StatRow[]): Promise<StatRow[] | null> {
    const proxyRows = this.proxies.parseBytes(await this.ask('show stat -1 3 -1'));
    const toRead = pick(proxyRows.filter((row) => row.kind === 'backend'));
    if (toRead.some((row) => row.iid === null)) return null;
    const servers = new Map<string, StatRow[]>();
    for (const backend of toRead) servers.set(backend.proxy, new StatParser().parseBytes(await this.ask(`show stat ${backend.iid} 4 -1`)));
    return proxyRows.flatMap((row) => (row.kind === 'backend' ? [...(servers.get(row.proxy) ?? []), row] : [row]));
  }

  /** null when the replies do not fit the last full read's layout: the caller reads everything instead. */
  private async readPartial(focus: ReadonlySet<string>, previous: StatRow[], layout: Layout) {
    const proxyRows = this.proxies.parseBytes(await this.ask('show stat -1 3 -1'));
    if (proxyRows.length !== layout.proxySlots.length) return null;
    // Copied on the first row that changed: a quiet poll hands back the previous array itself.
    let rows: StatRow[] | null = null;
    const put = (at: number, row: StatRow) => {
      if (row === (rows ?? previous)[at]) return;
      rows ??= previous.slice();
      rows[at] = row;
    };
    const toRead: StatRow[] = [];
    for (let i = 0; i < proxyRows.length; i++) {
      const row = proxyRows[i]!;
      const at = layout.proxySlots[i]!;
      const before = previous[at]!;
      if (before.proxy !== row.proxy || before.name !== row.name || before.kind !== row.kind) return null;
      if (row.kind === 'backend' && (focus.has(row.proxy) || serversMoved(before, row))) toRead.push(row);
      put(at, adopt(before, row));
    }
    if (toRead.length > (this.options.maxBackendReads ?? 16)) return null;
    const parsers = new Map<string, StatParser>();
    for (const backend of toRead) {
      const slots = layout.serverSlots.get(backend.proxy) ?? [];
      if (backend.iid === null) return null;
      const parser = this.perBackend.get(backend.proxy) ?? new StatParser();
      parsers.set(backend.proxy, parser);
      const servers = parser.parseBytes(await this.ask(`show stat ${backend.iid} 4 -1`));
      if (servers.length !== slots.length) return null;
      for (let i = 0; i < servers.length; i++) {
        const row = servers[i]!;
        const at = slots[i]!;
        const before = previous[at]!;
        if (row.proxy !== backend.proxy || row.name !== before.name) return null;
        put(at, adopt(before, row));
      }
    }
    // Parsers of backends that left the screen are dropped: their remembered lines would only be stale.
    this.perBackend = parsers;
    this.rows = rows ?? previous;
    return this.rows;
  }
}

/**
 * The row to keep at a position: the one already there when the fresh one says the same (ages aside), so a row
 * keeps its identity whichever parser read it last and everything downstream can still skip it by reference.
 * Its ages and check duration are refreshed in place, as StatParser does for its own re-used rows; a health check
 * under way is no change either (row-identity.ts).
 */
function adopt(current: StatRow, fresh: StatRow): StatRow {
  if (current === fresh) return current;
  // A parser hands back the same object for a line that did not change, so a pair compared equal once stays equal.
  if (ADOPTED.get(fresh) === current) {
    current.lastchg = fresh.lastchg;
    current.downtime = fresh.downtime;
    current.checkDuration = fresh.checkDuration;
    return current;
  }
  if (!keepsRow(current, fresh)) return fresh;
  ADOPTED.set(fresh, current);
  return current;
}

/** Fresh row → the equal row kept in its place (see adopt). Weak: rows a parser drops are forgotten with it. */
const ADOPTED = new WeakMap<StatRow, StatRow>();

/** A backend row that says one of its servers changed state: up/down/maint/drain and weights all show here. */
function serversMoved(before: StatRow, after: StatRow): boolean {
  return before.status !== after.status || before.act !== after.act || before.bck !== after.bck || before.weight !== after.weight;
}

/** The same rows in the same places (only their values moved): the layout of `before` holds for `after`. */
function sameLayout(before: readonly StatRow[], after: readonly StatRow[]): boolean {
  for (let i = 0; i < after.length; i++) {
    const a = before[i]!;
    const b = after[i]!;
    if (a !== b && (a.kind !== b.kind || a.proxy !== b.proxy || a.name !== b.name)) return false;
  }
  return true;
}

function layoutOf(rows: readonly StatRow[]): Layout {
  const proxySlots: number[] = [];
  const serverSlots = new Map<string, number[]>();
  rows.forEach((row, i) => {
    if (row.kind === 'frontend' || row.kind === 'backend') proxySlots.push(i);
    else if (row.kind === 'server') {
      const slots = serverSlots.get(row.proxy);
      if (slots) slots.push(i);
      else serverSlots.set(row.proxy, [i]);
    }
  });
  return { proxySlots, serverSlots };
}
