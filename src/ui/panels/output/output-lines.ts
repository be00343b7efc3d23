// The OUTPUT panel's text (pure): the command line exactly as run, where, its outcome and timing, then stdout and
// stderr as they came, cut lines marked. Control characters are shown as `^X`, so a command cannot drive the
// terminal (move the cursor, change colours) through its output.
import { resultLine, type UserRunEntry } from '../../../actions/user-command.js';
import { plain, type Line } from '../../components/ScrollText.js';

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const visible = (text: string) => text.replace(/\t/g, '    ').replace(CONTROL, (c) => `^${String.fromCharCode((c.charCodeAt(0) + 64) % 128)}`);

function textLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map(visible);
}

export function outputLines(entry: UserRunEntry | undefined, now: number): Line[] {
  if (!entry) return [plain('No user command has run in this session: their keys are in the help (?), under the fleet table.', 'text.dim')];
  const lines: Line[] = [[{ text: '$ ', token: 'text.dim' }, { text: visible(entry.line), token: 'dialog.command' }]];
  const r = entry.result;
  if (!r) return [...lines, plain(`running… (${Math.max(0, Math.round((now - entry.startedAt) / 1000))} s)`, 'dialog.warning')];
  lines.push(plain(resultLine(r), r.outcome === 'done' ? 'report.verified' : 'report.failed'));
  lines.push([]);
  lines.push(...textLines(r.stdout).map((l) => plain(l)));
  if (r.stderr !== '') {
    lines.push(plain('── stderr ──', 'text.dim'));
    lines.push(...textLines(r.stderr).map((l) => plain(l, 'dialog.warning')));
  }
  if (r.stdout === '' && r.stderr === '' && r.outcome !== 'refused' && r.outcome !== 'not-run') lines.push(plain('(no output)', 'text.dim'));
  if (r.truncated) lines.push(plain('[output truncated: lbtop keeps the first 1 MiB of stdout and of stderr]', 'dialog.warning'));
  return lines;
}
