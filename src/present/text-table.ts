// The CLI's form of a table: the same column list as the TUI's, each column as wide as its widest cell (text for
// people, piped or pasted: nothing is cut), the last one not padded, no blanks at the ends of lines.
import { lineText } from './line.js';
import { tableLines, type Column } from './table.js';

export interface TextTableOptions {
  /** Between columns; the TUI's one space unless said otherwise. */
  gap?: string;
  /** Columns keep at least their TUI width (tables that always lined up at those widths). */
  atLeast?: boolean;
  /** Widest a column may grow (its cells are then cut with …); no bound when absent. */
  max?: (column: { id: string }) => number;
}

/** The columns resized to their content: header and cells, never narrower than the header. */
export function sizedToContent<R, C>(columns: readonly Column<R, C>[], rows: readonly R[], ctx: C, o: TextTableOptions = {}): Column<R, C>[] {
  return columns.map((column, i) => {
    const longest = rows.reduce((w, row) => Math.max(w, [...column.cell(row, ctx).text].length), [...column.header].length);
    const width = Math.min(Math.max(longest, o.atLeast ? column.width : 0), o.max?.(column) ?? Infinity);
    const before = i === 0 ? (column.before ?? '') : (o.gap ?? column.before ?? ' ');
    // The last column is not padded (no blanks at the end of the line), unless it lines up to the right.
    return { ...column, width, before, flex: false, rest: i === columns.length - 1 && column.align === 'left' };
  });
}

/** The table as the CLI prints it: header, then one line per row. */
export function textTable<R, C>(columns: readonly Column<R, C>[], rows: readonly R[], ctx: C, o: TextTableOptions = {}): string[] {
  return tableLines(sizedToContent(columns, rows, ctx, o), rows, Infinity, ctx).map((l) => lineText(l).trimEnd());
}
