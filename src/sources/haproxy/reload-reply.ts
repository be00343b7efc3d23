// The master CLI's answer to `reload`. HAProxy 2.6 closes the connection without a word (the outcome is read
// from the worker's pid). From 2.7 the master waits for the new worker and answers `Success=1` or `Success=0`,
// then `--` and the startup log (warnings, the config's ALERTs on a failure). 3.1+ refuses a reload while a new
// worker is still starting: `Success=0`, `--`, "Another reload is still in progress." (mworker.c, cli_parse_reload).

export type ReloadReply =
  /** 2.6: nothing said; the caller watches the worker pid. */
  | { kind: 'silent' }
  | { kind: 'success'; log: string[] }
  | { kind: 'failure'; log: string[] }
  /** 3.1+: refused, nothing was reloaded; asking again once the other reload is done is safe. */
  | { kind: 'in-progress'; log: string[] }
  /** Words lbtop does not know: reported whole, the worker pid decides. */
  | { kind: 'unknown'; text: string };

export function parseReloadReply(text: string): ReloadReply {
  const lines = text.replace(/\r/g, '').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  if (lines.length === 0) return { kind: 'silent' };
  const head = /^Success=([01])$/.exec(lines[0]!.trim());
  if (!head) return { kind: 'unknown', text: lines.join('\n') };
  const log = lines.slice(lines[1]?.trim() === '--' ? 2 : 1);
  if (head[1] === '1') return { kind: 'success', log };
  if (log.some((l) => /another reload is still in progress/i.test(l))) return { kind: 'in-progress', log };
  return { kind: 'failure', log };
}

/** The lines of a startup log worth a report line: ALERTs first (why it failed), else WARNINGs. */
export function reloadLogSummary(log: readonly string[], max = 4): string {
  const strip = (l: string) => l.replace(/^\[(ALERT|WARNING|NOTICE)\]\s*\(\d+\)\s*:\s*/, '$1: ').trim();
  const alerts = log.filter((l) => l.startsWith('[ALERT]'));
  const picked = alerts.length > 0 ? alerts : log.filter((l) => l.startsWith('[WARNING]'));
  return picked.slice(0, max).map(strip).join(' | ');
}
