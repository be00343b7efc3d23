import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/present/table.js';
import { textTable } from '../../src/present/text-table.js';

interface Row {
  lb: string;
  table: string;
  used: number;
}

const columns: Column<Row>[] = [
  { id: 'lb', header: 'LB', width: 6, align: 'left', cell: (r) => ({ text: r.lb }) },
  { id: 'table', header: 'TABLE', width: 10, align: 'left', cell: (r) => ({ text: r.table }) },
  { id: 'used', header: 'USED', width: 6, align: 'right', cell: (r) => ({ text: String(r.used) }) },
];
const rows: Row[] = [
  { lb: 'lb1', table: 'st_src', used: 3 },
  { lb: 'lb-with-a-long-name', table: 'x', used: 12345 },
];

describe('textTable (the CLI form of a column list)', () => {
  it('sizes each column to its widest cell, never cuts, and pads a right-aligned last column', () => {
    expect(textTable(columns, rows, undefined, { gap: '  ' })).toEqual([
      'LB                   TABLE    USED',
      'lb1                  st_src      3',
      'lb-with-a-long-name  x       12345',
    ]);
  });

  it('keeps the screen widths as a minimum when asked, and leaves no blanks after a left-aligned last column', () => {
    const left = columns.slice(0, 2);
    expect(textTable(left, rows.slice(0, 1), undefined, { atLeast: true })).toEqual(['LB     TABLE', 'lb1    st_src']);
  });

  it('cuts a column at its bound with …', () => {
    expect(textTable(columns, rows, undefined, { gap: '  ', max: (c) => (c.id === 'lb' ? 8 : 40) })[2]).toBe('lb-with…  x       12345');
  });
});
