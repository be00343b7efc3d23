// The help text, generated from the keymap (so it cannot drift from the keys that actually work).
import { HELP_SECTIONS as SECTIONS } from '../../../keymap/help-sections.js';
import { keysOf, type Keymap } from '../../../keymap/resolve.js';
import { fit } from '../../columns/format.js';
import { plain, type Line } from '../../components/ScrollText.js';

export function helpLines(keymap: Keymap): Line[] {
  const lines: Line[] = [];
  lines.push(plain('lbtop — hatop for a fleet of HAProxy LBs in front of Kubernetes', 'dialog.title'));
  lines.push(plain('Rows: cluster → frontends → backends → servers. One state column per LB; numbers are summed across LBs'));
  lines.push(plain('(peaks: max; last change: min). `e` shows one sub-row per LB. "?" after a state = stale LB data.'));
  if (keymap.readOnly) lines.push(plain('READ-ONLY: every key that changes an LB is disabled (listed at the end).', 'header.readonly'));
  for (const section of SECTIONS) {
    const defs = keymap.active.filter((d) => d.scopes.includes(section.scope));
    if (defs.length === 0) continue;
    lines.push([]);
    lines.push(plain(section.title, 'table.header'));
    for (const d of defs) {
      lines.push([
        { text: `  ${fit(keysOf(d), 18, 'left')} `, token: 'footer.key' },
        { text: d.description },
        ...(d.dangerous ? [{ text: '  (changes the LB: preview first)', token: 'dialog.warning' as const }] : []),
      ]);
    }
  }
  if (keymap.removed.length > 0) {
    lines.push([]);
    lines.push(plain('Disabled by --read-only', 'header.readonly'));
    for (const d of keymap.removed) lines.push(plain(`  ${fit(keysOf(d), 18, 'left')} ${d.description}`, 'text.dim'));
  }
  return lines;
}
