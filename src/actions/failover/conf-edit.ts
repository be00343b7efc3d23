// The priority edit of keepalived.conf as a line edit: found on the redacted text the preview shows, applied to
// the real file at apply time (which holds auth_pass, never seen by lbtop's model). Previews are unified diffs of
// the redacted texts.
import { createTwoFilesPatch } from 'diff';
import { redactKeepalived } from '../../sources/keepalived/redact.js';

/** The `priority N` line of an instance (depth 1 of its block), or where to insert one. */
export function findPriorityLine(text: string, instanceLine: number): { line: number; insert: boolean; indent: string } {
  const lines = text.split('\n');
  let depth = 0;
  let opened = false;
  for (let i = instanceLine - 1; i < lines.length; i++) {
    const body = (lines[i] ?? '').replace(/[#!].*$/, '');
    if (opened && depth === 1 && /^\s*priority\s+\d+\s*$/.test(body)) {
      return { line: i + 1, insert: false, indent: /^\s*/.exec(body)?.[0] ?? '  ' };
    }
    for (const c of body) {
      if (c === '{') {
        depth++;
        opened = true;
      } else if (c === '}') depth--;
    }
    if (opened && depth === 0) break;
  }
  // No priority line: keepalived's default 100 applies; a new line goes right after `vrrp_instance X {`.
  return { line: instanceLine, insert: true, indent: '    ' };
}

export function applyLineEdit(text: string, line: number, newLine: string, insert: boolean): string {
  const lines = text.split('\n');
  if (insert) lines.splice(line, 0, newLine);
  else lines[line - 1] = newLine;
  return lines.join('\n');
}

export function redactedDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(path, path, redactKeepalived(before), redactKeepalived(after), 'now', 'after', { context: 2 })
    .split('\n')
    .filter((l) => !l.startsWith('====='))
    .join('\n')
    .trimEnd();
}
