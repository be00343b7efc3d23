// The preview of a user command (Plan kind 'user-command'): where it runs, the command line exactly as the audit
// log will record it, and each argv word on a line of its own, so a value with spaces, quotes or `$(…)` is
// plainly one argument. Long words are wrapped, never cut: the operator confirms all of what runs.
import type { Plan } from '../actions/types.js';
import { plain, type Line } from './line.js';

const WIDTH = 100;

function wrap(text: string, indent: string): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length || i === 0; i += WIDTH) chunks.push(`${indent}${text.slice(i, i + WIDTH)}`);
  return chunks;
}

export function userCommandPreviewLines(plan: Plan): Line[] {
  const user = plan.user!;
  const command = user.invocation.command;
  const lines: Line[] = [];
  lines.push(plain(command.where === 'lb' ? `Runs on ${user.lb}'s host (its ssh: and sudo:)` : 'Runs here, on the machine running lbtop', 'dialog.title'));
  if (command.description) lines.push(plain(`  ${command.description}`));
  lines.push([]);
  lines.push(plain('Command line (as the audit log records it)', 'dialog.title'));
  for (const l of wrap(user.invocation.line, '  ')) lines.push(plain(l, 'dialog.command'));
  lines.push([]);
  lines.push(plain(`Words: ${user.invocation.argv.length} arguments, no shell${command.shell ? ' but the sh -c asked for' : ''}`, 'dialog.title'));
  user.invocation.argv.forEach((word, i) => {
    const [first = '', ...rest] = wrap(word, '');
    lines.push([{ text: `  ${String(i).padStart(3)}  `, token: 'text.dim' }, { text: first, token: 'dialog.command' }]);
    for (const more of rest) lines.push([{ text: '       ' }, { text: more, token: 'dialog.command' }]);
  });
  return lines;
}
