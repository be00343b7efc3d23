// The LB-DRIFT list's columns: each disagreement between LBs, its kind marked (missing servers and admin states
// loudest), then what differs. Indented under its cluster's line.
import type { DriftItem } from '../../store/fleet-drift.js';
import type { Column } from '../table.js';

export const lbDriftColumns: Column<DriftItem>[] = [
  // The indent is part of the mark: it is drawn in the mark's colour, as it always was.
  { id: 'kind', header: 'KIND', width: 10, align: 'left', cell: (i) => ({ text: `  ${i.kind}`, token: i.kind === 'missing' || i.kind === 'admin' ? 'header.down' : 'header.stale' }) },
  { id: 'text', header: 'DISAGREEMENT', width: 0, align: 'left', rest: true, before: '', cell: (i) => ({ text: i.text }) },
];
