// `show stat` CSV → StatRow[]. Columns are found by the header line ("# pxname,svname,..."), never by position:
// 1.7/1.8 stop after `dses`, 2.x adds columns and a "-" separator before the stats modules' columns, 3.x adds
// more before it, and modules add their own. Unknown columns are ignored, missing ones read as null / "".
//
// Speed matters (10,000 servers are ~3 MB per poll): each line is scanned once, numbers are read in place and
// only the few text columns lbtop uses are sliced. HAProxy quotes a field only when it holds a comma, quote or newline
// (csv_enc in src/tools.c), so quoted lines are rare and take a slower, exact path.
import { isAscii } from 'node:buffer';
import { ParseError } from '../../model/errors.js';
import type { StatKind, StatRow } from '../../model/haproxy.js';
import { checkReadable, parseIntegerIn, parseIntegerInBytes } from './parse-info.js';
import { contentEnd, decodeRange, lineEnd, recordEnd } from './reply-bytes.js';
import { keepsRow } from './row-identity.js';
import { SPAN_INTS, StatLines } from './stat-lines.js';

/** The columns lbtop reads, in the order of the Cells slots. */
const COLUMNS = [
  'pxname', 'svname', 'type', 'status', 'check_status', 'addr', 'mode', 'last_chk', 'weight', 'scur', 'smax',
  'slim', 'stot', 'bin', 'bout', 'qcur', 'qmax', 'rate', 'rate_max', 'req_rate', 'req_tot', 'dreq', 'dresp', 'ereq',
  'econ', 'eresp', 'wretr', 'wredis', 'chkfail', 'chkdown', 'lastchg', 'downtime', 'hrsp_1xx', 'hrsp_2xx',
  'hrsp_3xx', 'hrsp_4xx', 'hrsp_5xx', 'hrsp_other', 'check_code', 'check_duration', 'act', 'bck', 'iid', 'sid', 'algo',
] as const;
type Column = (typeof COLUMNS)[number];
const C = Object.fromEntries(COLUMNS.map((name, i) => [name, i])) as Record<Column, number>;
const REQUIRED: Column[] = ['pxname', 'svname', 'type', 'status'];
const KINDS: readonly StatKind[] = ['frontend', 'backend', 'server', 'listener'];

interface Layout {
  width: number;
  trailingComma: boolean;
  /** Column index in the reply → index in COLUMNS, or -1 for a column lbtop does not read. */
  slots: Int32Array;
}

function readHeader(header: string | undefined): Layout {
  if (header === undefined || !header.startsWith('# ')) throw new ParseError('missing "# pxname,svname,..." header', 1);
  checkReadable(header, 1, 'header');
  const trailingComma = header.endsWith(',');
  const names = header.slice(2, trailingComma ? -1 : undefined).split(',');
  for (const name of REQUIRED) {
    if (!names.includes(name)) throw new ParseError(`header has no "${name}" column`, 1);
  }
  const slots = new Int32Array(names.length).fill(-1);
  COLUMNS.forEach((name, i) => {
    const at = names.indexOf(name); // the first one: a module column may reuse a name
    if (at !== -1) slots[at] = i;
  });
  return { width: names.length, trailingComma, slots };
}

/**
 * Where each column lbtop reads lies in the current row: text[slot] holds it at [start, end), undefined when
 * the header lacks the column. Offsets instead of substrings: 10,000 rows × 36 numbers allocate nothing.
 */
class Cells {
  readonly text: (string | undefined)[] = new Array(COLUMNS.length);
  readonly start = new Int32Array(COLUMNS.length);
  readonly end = new Int32Array(COLUMNS.length);
}

/** Fills `cells` from one unquoted line; returns the number of fields on it. */
function scan(line: string, layout: Layout, cells: Cells): number {
  // One charCodeAt pass: measured faster here than indexOf per field or split(',').
  const { slots, width } = layout;
  let column = 0;
  let start = 0;
  const length = line.length;
  for (let i = 0; i <= length; i++) {
    if (i < length && line.charCodeAt(i) !== 44 /* , */) continue;
    if (column < width) {
      const slot = slots[column]!;
      if (slot !== -1) {
        cells.text[slot] = line;
        cells.start[slot] = start;
        cells.end[slot] = i;
      }
    }
    column++;
    start = i + 1;
  }
  // "a,b," is two fields when the header also ends with a comma (HAProxy ends every line with one).
  return layout.trailingComma && line.charCodeAt(length - 1) === 44 ? column - 1 : column;
}

export function parseStat(text: string): StatRow[] {
  return new StatParser().parse(text);
}

/**
 * Columns that change every second on an idle HAProxy: seconds since the last state change, the downtime of a
 * DOWN server, seconds since the last session; and the duration of the last health check, which moves with every
 * check (0 ms, 1 ms, ...) on a production HAProxy. A line equal to the previous poll's line outside them is the same
 * row, re-used as is (with its ages and check duration refreshed): at 10,000 servers almost every line is such a
 * line. The check duration is shown nowhere and only describes a check event, which comes with a changed status or
 * check result, so with a new row; as a reason for a new row it made three of four rows new at every full read
 * with checks every 2 s (measured at 10,000 servers: 3,795 of the 4,984 rows changed in 5 s changed only there).
 */
const VOLATILE = ['lastchg', 'downtime', 'lastsess', 'check_duration'] as const; // SPAN_INTS assumes four

/**
 * `show stat` parser for one source, polled again and again. Rows whose line did not change (outside the
 * VOLATILE columns) keep their identity from one poll to the next, so everything downstream (diff, fleet,
 * table rows) can skip them by reference. `lastchg`, `downtime` and `checkDuration` of a re-used row are updated in
 * place: ages, displayed but never compared, and a duration nothing compares either. Lines are compared as bytes
 * (stat-lines.ts): only a changed line is decoded.
 */
export class StatParser {
  private header: string | null = null;
  private layout: Layout | null = null;
  /** Column of each VOLATILE name in the reply (-1: the header lacks it). */
  private volatile = new Int32Array(0);
  /** Indexes into VOLATILE in the order their columns appear on a line. */
  private order: number[] = [];
  /** Where the volatile fields sit on the line at hand (see SPAN_INTS). */
  private readonly spans = new Int32Array(SPAN_INTS);
  private previous: StatLines | null = null;
  /** The lines of the reply before the previous one, emptied and filled again by the next parse. */
  private spare: StatLines | null = null;

  parse(text: string): StatRow[] {
    return this.parseBytes(Buffer.from(text, 'utf8'));
  }

  parseBytes(bytes: Buffer): StatRow[] {
    const end = contentEnd(bytes);
    const ascii = isAscii(bytes);
    const headerEnd = end === 0 ? 0 : lineEnd(bytes, 0, end);
    const header = end === 0 ? undefined : decodeRange(bytes, 0, headerEnd, ascii);
    if (header !== this.header || !this.layout) this.reset(header);
    const layout = this.layout!;
    const previous = this.previous;
    const spans = this.spans;
    const spare = this.spare;
    this.spare = null; // a ParseError below leaves it half filled: the next parse starts a fresh one
    const lines = spare ? spare.reuse(bytes) : new StatLines(bytes, previous ? previous.count + 16 : 1024);
    lines.add(0, headerEnd, null, null);
    const rows: StatRow[] = [];
    const cells = new Cells();
    for (let start = headerEnd + 1; start < end; ) {
      const index = lines.count;
      const lineNo = index + 1;
      let stop = previous ? previous.match(index, bytes, start, end, this.order, spans) : -1;
      let row: StatRow | null;
      if (stop !== -1) {
        // The same row (ages aside): re-used, and no string is built for its line.
        row = previous!.rows[index]!;
        if (row) refreshAges(row, bytes, spans, lineNo);
        lines.add(start, stop, row, spans);
      } else {
        stop = lineEnd(bytes, start, end);
        const line = decodeRange(bytes, start, stop, ascii);
        if (line.includes('"')) {
          // A quoted record (a comma or quote in a check's text; rare) is parsed anew each time.
          stop = recordEnd(bytes, start, end);
          const record = decodeRange(bytes, start, stop, ascii).split('\n');
          row = quotedRow(record, index, layout, cells);
          for (const _ of record) lines.add(start, stop, row, null);
        } else {
          cells.text.fill(undefined);
          const count = scan(line, layout, cells);
          if (count !== layout.width) throw fieldCount(count, layout, lineNo);
          row = buildRow(cells, lineNo);
          // A line that moved only where nothing is read (a health check under way) keeps the row (row-identity.ts).
          const before = previous && index < previous.count ? previous.rows[index] : null;
          if (row && before && row.proxy === before.proxy && row.name === before.name && keepsRow(before, row)) row = before;
          lines.add(start, stop, row, this.spansOf(bytes, start, stop) ? spans : null);
        }
      }
      if (row) rows.push(row);
      start = stop + 1;
    }
    // Only a wholly parsed reply is remembered: a ParseError above leaves the previous poll's lines in place.
    lines.trim();
    this.spare = previous;
    this.previous = lines;
    return rows;
  }

  private reset(header: string | undefined): void {
    this.layout = readHeader(header);
    this.header = header!;
    this.previous = null;
    const names = header!.slice(2).split(',');
    this.volatile = Int32Array.from(VOLATILE, (name) => names.indexOf(name));
    this.order = [...VOLATILE.keys()].sort((a, b) => this.volatile[a]! - this.volatile[b]!);
  }

  /** Fills this.spans with the volatile fields of bytes[start, end); false when the line is too short to hold them. */
  private spansOf(bytes: Buffer, start: number, end: number): boolean {
    const spans = this.spans;
    spans.fill(-1);
    let column = 0;
    let at = start;
    for (const k of this.order) {
      const wanted = this.volatile[k]!;
      if (wanted === -1) continue;
      for (; column < wanted; column++) {
        while (at < end && bytes[at] !== 44) at++;
        if (at === end) return false;
        at++;
      }
      spans[2 * k] = at;
      while (at < end && bytes[at] !== 44) at++;
      if (at === end) return false;
      spans[2 * k + 1] = at;
    }
    return true;
  }
}

const LASTCHG = VOLATILE.indexOf('lastchg');
const DOWNTIME = VOLATILE.indexOf('downtime');
const CHECK_DURATION = VOLATILE.indexOf('check_duration');

function refreshAges(row: StatRow, bytes: Buffer, spans: Int32Array, lineNo: number): void {
  if (spans[2 * LASTCHG]! !== -1) row.lastchg = parseIntegerInBytes(bytes, spans[2 * LASTCHG]!, spans[2 * LASTCHG + 1]!, lineNo, 'lastchg');
  if (spans[2 * DOWNTIME]! !== -1) row.downtime = parseIntegerInBytes(bytes, spans[2 * DOWNTIME]!, spans[2 * DOWNTIME + 1]!, lineNo, 'downtime');
  if (spans[2 * CHECK_DURATION]! !== -1) {
    row.checkDuration = parseIntegerInBytes(bytes, spans[2 * CHECK_DURATION]!, spans[2 * CHECK_DURATION + 1]!, lineNo, 'check_duration');
  }
}

/** One record with quoted fields, `lines` its lines (a quoted newline continues it), `index` its first line's. */
function quotedRow(lines: string[], index: number, layout: Layout, cells: Cells): StatRow | null {
  const quoted = splitQuoted(lines, 0, layout.trailingComma, index);
  cells.text.fill(undefined);
  quoted.fields.forEach((value, column) => {
    const slot = column < layout.width ? layout.slots[column]! : -1;
    if (slot === -1) return;
    cells.text[slot] = value;
    cells.start[slot] = 0;
    cells.end[slot] = value.length;
  });
  if (quoted.fields.length !== layout.width) throw fieldCount(quoted.fields.length, layout, index + 1);
  return buildRow(cells, index + 1);
}

function fieldCount(count: number, layout: Layout, lineNo: number): ParseError {
  return new ParseError(`row has ${count} fields, the header has ${layout.width}`, lineNo);
}

export { ROW_FIELDS } from './row-identity.js';

/**
 * Text fields seen before, by value: 10,000 rows share one "UP", one "L4CON", one "be_0001" (and a row parsed again
 * its own name) instead of holding a copy each. Measured at 10,000 servers: ~175,000 strings were half of V8's
 * heap objects, most of them such copies, each one more for every full GC to mark. Bounded: cleared when full.
 */
const INTERNED = new Map<string, string>();

function intern(text: string): string {
  const known = INTERNED.get(text);
  if (known !== undefined) return known;
  if (INTERNED.size >= 100_000) INTERNED.clear();
  INTERNED.set(text, text);
  return text;
}

function buildRow(cells: Cells, line: number): StatRow | null {
  const n = (i: number) => {
    const text = cells.text[i];
    return text === undefined ? null : parseIntegerIn(text, cells.start[i]!, cells.end[i]!, line, COLUMNS[i]!);
  };
  const raw = (i: number) => intern(cells.text[i]?.slice(cells.start[i], cells.end[i]) ?? '');
  // Names, statuses and addresses are checked for damaged bytes; last_chk is free text from the check.
  const t = (i: number) => checkReadable(raw(i), line, COLUMNS[i]!);
  const type = n(C.type);
  if (type === null) throw new ParseError('empty type', line);
  // A row type this lbtop does not know (a future HAProxy) is skipped, not fatal: the rows it knows still show.
  const kind = KINDS[type];
  if (kind === undefined) return null;
  const proxy = t(C.pxname);
  const name = t(C.svname);
  if (proxy === '' || name === '') throw new ParseError('empty pxname or svname', line);
  return {
    proxy, name, kind, status: t(C.status),
    weight: n(C.weight), scur: n(C.scur), smax: n(C.smax), slim: n(C.slim), stot: n(C.stot),
    bin: n(C.bin), bout: n(C.bout), qcur: n(C.qcur), qmax: n(C.qmax),
    rate: n(C.rate), rateMax: n(C.rate_max), reqRate: n(C.req_rate), reqTot: n(C.req_tot),
    dreq: n(C.dreq), dresp: n(C.dresp), ereq: n(C.ereq), econ: n(C.econ), eresp: n(C.eresp),
    wretr: n(C.wretr), wredis: n(C.wredis), chkfail: n(C.chkfail), chkdown: n(C.chkdown),
    lastchg: n(C.lastchg), downtime: n(C.downtime),
    hrsp1xx: n(C.hrsp_1xx), hrsp2xx: n(C.hrsp_2xx), hrsp3xx: n(C.hrsp_3xx), hrsp4xx: n(C.hrsp_4xx),
    hrsp5xx: n(C.hrsp_5xx), hrspOther: n(C.hrsp_other),
    checkStatus: t(C.check_status), checkCode: n(C.check_code), checkDuration: n(C.check_duration),
    lastChk: raw(C.last_chk),
    act: n(C.act), bck: n(C.bck), iid: n(C.iid), sid: n(C.sid),
    addr: t(C.addr), mode: t(C.mode), algo: t(C.algo),
  };
}

/**
 * One record with quoted fields ("" is a quote inside quotes). A newline inside quotes continues the record on
 * the next line, so the record may end on a later line: `lastLine` says where.
 */
function splitQuoted(lines: string[], first: number, trailingComma: boolean, lineOffset = 0): { fields: string[]; lastLine: number } {
  const fields: string[] = [];
  let i = first;
  let line = lines[i]!;
  let pos = 0;
  let field = '';
  let quoted = false;
  for (;;) {
    if (pos >= line.length) {
      if (!quoted) break;
      if (i + 1 >= lines.length) throw new ParseError('quoted field never closed', lineOffset + first + 1);
      field += '\n';
      line = lines[++i]!;
      pos = 0;
      continue;
    }
    const c = line[pos++];
    if (quoted) {
      if (c !== '"') field += c;
      else if (line[pos] === '"') {
        field += '"';
        pos++;
      }
      else if (pos < line.length && line[pos] !== ',') throw new ParseError('text after a closing quote', lineOffset + i + 1);
      else quoted = false;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '"') {
      // HAProxy quotes whole fields only; a quote inside an unquoted field means the line is damaged.
      if (field !== '') throw new ParseError('quote inside an unquoted field', lineOffset + i + 1);
      quoted = true;
    } else field += c;
  }
  fields.push(field);
  if (trailingComma && line.endsWith(',')) fields.pop();
  return { fields, lastLine: i };
}
