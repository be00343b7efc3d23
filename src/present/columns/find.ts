// `lbtop find`'s columns: each server whose name, address or hostname holds the text, per LB, exact matches marked.
import type { FindMatch } from '../../store/find-servers.js';
import type { Column } from '../table.js';

const col = (id: string, header: string, of: (m: FindMatch) => string): Column<FindMatch> => ({ id, header, width: 0, align: 'left', cell: (m) => ({ text: of(m) }) });

export const findColumns: Column<FindMatch>[] = [
  col('lb', 'LB', (m) => m.lb),
  col('cluster', 'CLUSTER', (m) => m.cluster),
  col('server', 'BACKEND/SERVER', (m) => `${m.backend}/${m.server}`),
  col('address', 'ADDRESS', (m) => m.address || '-'),
  col('hostname', 'HOSTNAME', (m) => m.hostname || '-'),
  col('exact', '', (m) => (m.exact ? 'exact' : '')),
];
