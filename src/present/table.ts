// Tables as data (k9s renderers): a column is a header, a width and a pure function from row to cell. The stats
// views, VIPS, BGP, MAPS, CERTS, the panels' lists and the CLI's text tables all draw from such lists, so a table
// and its CLI twin cannot drift apart; the TUI keeps its scrolling and selection, only the text comes from here.
import type { Token } from '../theme/tokens.js';
import { fit } from './format.js';
import type { Line, Segment } from './line.js';

export interface Cell {
  text: string;
  /** Semantic colour; the line's own colour when absent. */
  token?: Token;
}

/** One column of rows R, read with a context C (the LBs, the trends…; none by default). */
export interface Column<R, C = void> {
  id: string;
  header: string;
  width: number;
  align: 'left' | 'right';
  /** Takes the width left over by the fixed columns (NAME in the stats views). */
  flex?: boolean;
  /** Its text as it is, never padded or cut (INFO, FILE / NAMES: last on the line, the terminal truncates it). */
  rest?: boolean;
  /** What goes before the cell: one space between columns (nothing before the first) unless said otherwise. */
  before?: string;
  cell(row: R, ctx: C): Cell;
  /** What `o` sorts by (a number or text; null sorts last); the cell's text when absent. */
  sortKey?(row: R, ctx: C): number | string | null;
}

/** What fitting needs of a column: any column type (the stats views' carries more) fits the same way. */
export type Fittable = Pick<Column<never, never>, 'width' | 'flex' | 'before'>;

export interface Fitted<Col> {
  column: Col;
  width: number;
}

const gapOf = (c: Fittable, i: number): string => c.before ?? (i === 0 ? '' : ' ');

/**
 * Fits columns to the terminal: the flex column takes what is left (at most 40 more), down to its minimum width;
 * columns that still do not fit are dropped from the right, never wrapped (a wrapped row would break the frame
 * height). Width Infinity keeps every column at its own width (the CLI; tables that let the terminal truncate).
 */
export function fitColumns<Col extends Fittable>(columns: readonly Col[], width: number): Fitted<Col>[] {
  const gap = (c: Col) => Math.max(1, c.before?.length ?? 1);
  const fixed = columns.filter((c) => !c.flex);
  const flexMin = columns.filter((c) => c.flex).reduce((a, c) => a + c.width + gap(c), 0);
  const kept: Col[] = [];
  let used = flexMin;
  for (const c of fixed) {
    if (used + c.width + gap(c) > width) break;
    kept.push(c);
    used += c.width + gap(c);
  }
  const spare = width === Infinity ? 0 : Math.max(0, width - used);
  return columns
    .filter((c) => c.flex || kept.includes(c))
    .map((c) => ({ column: c, width: c.flex ? c.width + Math.min(spare, 40) : c.width }));
}

/**
 * Fits columns to a panel that keeps them all (EVENTS, HISTORY): the flex column takes every column the others
 * leave, never less than its own width; the line runs past a narrow screen and the terminal truncates it.
 */
export function stretchColumns<Col extends Fittable>(columns: readonly Col[], width: number): Fitted<Col>[] {
  const fixed = columns.reduce((a, c) => a + (c.flex ? 0 : c.width) + 1, 0);
  return columns.map((c) => ({ column: c, width: c.flex ? Math.max(c.width, width - fixed) : c.width }));
}

/** A column's header with the sort arrow after it, shortened to keep the arrow when the column is narrow. */
export function sortedHeader(header: string, width: number, desc: boolean, ascii = false): string {
  const arrow = ascii ? (desc ? 'v' : '^') : desc ? '▼' : '▲';
  return header.length < width ? header + arrow : header.slice(0, Math.max(0, width - 1)) + arrow;
}

export interface SortMark {
  column: string;
  desc: boolean;
}

/** The header line: every header fitted to its column, the sorted one marked, in the table header's colour. */
export function headerLine<Col extends Fittable & { id: string; header: string; align: 'left' | 'right'; rest?: boolean }>(
  columns: readonly Fitted<Col>[],
  sort: SortMark | null = null,
  ascii = false,
): Line {
  const text = columns
    .map(({ column, width }, i) => {
      // A rest column without a header shares the one before it ("LBS / USED BY"): no gap, nothing to pad.
      if (column.rest && !column.header) return '';
      const header = sort?.column === column.id ? sortedHeader(column.header, width, sort.desc, ascii) : column.header;
      return gapOf(column, i) + (column.rest ? header : fit(header, width, column.align));
    })
    .join('');
  return [{ text, token: 'table.header' }];
}

/** One row's line: each cell fitted, in its own colour; the gaps between cells never take a cell's colour. */
export function rowLine<R>(columns: readonly Fitted<Column<R>>[], row: R): Line;
export function rowLine<R, C>(columns: readonly Fitted<Column<R, C>>[], row: R, ctx: C): Line;
export function rowLine<R, C>(columns: readonly Fitted<Column<R, C>>[], row: R, ctx?: C): Line {
  const line: Segment[] = [];
  const push = (text: string, token?: Token) => {
    const last = line[line.length - 1];
    if (last && last.token === token) line[line.length - 1] = { text: last.text + text, token };
    else if (text) line.push(token ? { text, token } : { text });
  };
  columns.forEach(({ column, width }, i) => {
    const cell = column.cell(row, ctx as C);
    push(gapOf(column, i));
    push(column.rest ? cell.text : fit(cell.text, width, column.align), cell.token);
  });
  return line;
}

/** The whole table: the header line, then one line per row (what the CLI prints through `lineText`). */
export function tableLines<R>(columns: readonly Column<R>[], rows: readonly R[], width: number): Line[];
export function tableLines<R, C>(columns: readonly Column<R, C>[], rows: readonly R[], width: number, ctx: C): Line[];
export function tableLines<R, C>(columns: readonly Column<R, C>[], rows: readonly R[], width: number, ctx?: C): Line[] {
  const fitted = fitColumns(columns, width);
  return [headerLine(fitted), ...rows.map((row) => rowLine(fitted, row, ctx as C))];
}
