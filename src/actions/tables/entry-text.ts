// One stick-table entry on one line, as the preview, the subcommand and the compare show it.
import type { StickEntry } from '../../model/tables.js';

export function entrySummary(entry: StickEntry): string {
  const data = entry.data.map((d) => `${d.column}=${d.value}`).join(' ');
  return `key=${entry.key} use=${entry.use} exp=${Math.round(entry.expMs / 1000)}s${data ? ` ${data}` : ''}`;
}
