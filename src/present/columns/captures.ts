// The captured errors table's columns (CAPTURES panel): one row per request/response HAProxy rejected and kept.
import type { ErrorCapture } from '../../model/sessions.js';
import type { Column } from '../table.js';

export type CaptureRow = ErrorCapture & { lb: string };

const col = (id: string, header: string, width: number, align: 'left' | 'right', of: (c: CaptureRow) => string): Column<CaptureRow> => ({ id, header, width, align, cell: (c) => ({ text: of(c) }) });

export const captureColumns: Column<CaptureRow>[] = [
  col('lb', 'LB', 10, 'left', (c) => c.lb),
  col('when', 'WHEN', 24, 'left', (c) => c.when),
  col('event', 'EVENT', 6, 'right', (c) => `#${c.event}`),
  col('side', 'SIDE', 8, 'left', (c) => c.direction),
  col('proxy', 'PROXY', 20, 'left', (c) => c.proxy),
  col('source', 'SOURCE', 22, 'left', (c) => c.source ?? '-'),
  { ...col('parser', 'PARSER AT', 0, 'left', (c) => c.parserState ?? '-'), rest: true },
];
