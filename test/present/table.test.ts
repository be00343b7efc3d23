import { describe, expect, it } from 'vitest';
import { lineText } from '../../src/present/line.js';
import { fitColumns, headerLine, rowLine, tableLines, type Column } from '../../src/present/table.js';

interface Peer {
  host: string;
  state: 'up' | 'down';
  routes: number;
  info: string;
}

const host = (p: Peer) => ({ text: p.host });
const columns: Column<Peer>[] = [
  { id: 'host', header: 'HOST', width: 8, align: 'left', before: '  ', cell: host },
  { id: 'state', header: 'STATE', width: 5, align: 'left', cell: (p) => ({ text: p.state, token: p.state === 'up' ? 'status.up' : 'status.down' }) },
  { id: 'routes', header: 'ROUTES', width: 6, align: 'right', cell: (p) => ({ text: String(p.routes) }) },
  { id: 'info', header: 'INFO', width: 0, align: 'left', rest: true, before: '  ', cell: (p) => ({ text: p.info }) },
];

const peers: Peer[] = [
  { host: 'lb-0', state: 'up', routes: 12, info: 'Established' },
  { host: 'lb-with-a-long-name', state: 'down', routes: 0, info: 'Connect: connection refused' },
];

describe('tableLines', () => {
  it('pads each cell to its column, cuts the long ones, and leaves the last (rest) column as it is', () => {
    expect(tableLines(columns, peers, Infinity).map(lineText)).toEqual([
      '  HOST     STATE ROUTES  INFO',
      '  lb-0     up        12  Established',
      '  lb-with… down       0  Connect: connection refused',
    ]);
  });

  it('colours the header and each cell with its own token, never the gaps between cells', () => {
    const fitted = fitColumns(columns, Infinity);
    expect(headerLine(fitted)).toEqual([{ text: '  HOST     STATE ROUTES  INFO', token: 'table.header' }]);
    expect(rowLine(fitted, peers[1]!)).toEqual([
      { text: '  lb-with… ' },
      { text: 'down ', token: 'status.down' },
      { text: '      0  Connect: connection refused' },
    ]);
  });

  it('drops the columns that do not fit from the right and gives the flex column what is left', () => {
    const flex = columns.map((c) => (c.id === 'host' ? { ...c, flex: true } : c));
    expect(fitColumns(flex, 20).map((f) => `${f.column.id}:${f.width}`)).toEqual(['host:12', 'state:5']);
    expect(fitColumns(flex, 40).map((f) => `${f.column.id}:${f.width}`)).toEqual(['host:23', 'state:5', 'routes:6', 'info:0']);
  });

  it('marks the sorted column in the header, keeping the arrow in a narrow column', () => {
    const fitted = fitColumns(columns, Infinity);
    expect(lineText(headerLine(fitted, { column: 'routes', desc: true }))).toBe('  HOST     STATE ROUTE▼  INFO');
    expect(lineText(headerLine(fitted, { column: 'state', desc: false }, true))).toBe('  HOST     STAT^ ROUTES  INFO');
  });
});
