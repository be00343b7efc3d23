// The write dialog's bottom line: what the keys do now. Pure, so every state's words are in one place.
import { blockedWhy, confirmOf } from '../../actions/confirmation.js';
import type { WriteDialog } from './write-dialog.js';

export function writePrompt(d: WriteDialog, readOnly: boolean): string {
  if (d.kind === 'busy') return d.preview ? d.title : 'working…';
  if (d.kind === 'outcome') {
    if (d.rollingBack) return d.rollback?.busy ?? 'working…';
    return d.rollback && !readOnly ? `R ${d.rollback.label}   Esc/Enter close` : 'Esc/Enter close';
  }
  const p = d.write.preview;
  if (p.preview === 'servers' && (p.unreachable ?? []).length > 0 && !p.skipUnreachable) {
    return `REFUSED: ${p.unreachable!.map((u) => u.lb).join(', ')} unreachable — ${readOnly ? '' : 'u apply without them   '}Esc cancels`;
  }
  if (p.preview === 'servers' && p.commands.length === 0) return 'nothing to send — Esc closes';
  const targets = p.preview === 'vrrp' ? p.targets : p.preview === 'vrrp-batch' ? p.request.targets : undefined;
  if (blockedWhy(p)) return `refused — Esc closes${(targets ?? []).length > 1 ? ', Tab tries the next target' : ''}`;
  const confirm = confirmOf(p);
  if (confirm.by === 'word') return `type "${confirm.word}" and Enter to send, Esc cancels: ${d.typed}▏`;
  return 'y send   Esc/n cancel   ↑↓ PgUp PgDn scroll';
}
