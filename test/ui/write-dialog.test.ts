// The one confirmation model, as pure functions: a write of any family is confirmed the one way its preview asks
// (y, or the exact word), refused while it cannot be sent, advertised under one hint scope, and its preview is
// the same lines in the dialog as in the CLI's print.
import { describe, expect, it } from 'vitest';
import type { FailoverPlan } from '../../src/actions/failover/types.js';
import type { MapsPlan } from '../../src/actions/maps/types.js';
import type { Plan } from '../../src/actions/types.js';
import { previewLines, previewText } from '../../src/present/confirmation.js';
import { linesText } from '../../src/present/line.js';
import { confirmRefusal, writeHintScope, type Write, type WriteDialog } from '../../src/ui/state/write-dialog.js';
import { writePrompt } from '../../src/ui/state/write-prompt.js';

const plan = (extra: Partial<Plan> = {}): Plan => ({
  preview: 'servers', id: 'p1', title: 'drain be/s1 on lb1, lb2', kind: 'server-admin', warnings: [], rollback: [],
  changes: [{ lb: 'lb1', backend: 'be', server: 's1', from: 'ready', to: 'drain', sessions: 3 }],
  commands: [{ lb: 'lb1', command: 'set server be/s1 state drain' }],
  ...extra,
});
const vip: FailoverPlan = {
  preview: 'vrrp', id: 'f1', title: 'move api (10.0.0.1) from lb1 to lb2', kind: 'vip-move', method: 'track-file', vip: '10.0.0.1', instance: 'VI_1', cluster: 'k8s01',
  confirmWord: 'k8s01', from: 'lb1', to: 'lb2', steps: [{ kind: 'write-track-file', lb: 'lb1', path: '/etc/keepalived/maint', text: '1\n', why: 'track file maint' }],
  diffs: [], table: [{ lb: 'lb1', state: 'MASTER', priorityNow: 101, priorityAfter: 51, predicted: 'BACKUP' }], predictedOwner: 'lb2', reason: '',
  precheck: { ok: true, lines: ['lb2: UP'] }, notes: [], warnings: [], refused: null, watch: [],
};
const write = (preview: Write['preview']): Write => ({ preview, send: () => Promise.reject(new Error('not in this test')) });

describe('one confirmation model', () => {
  it('y sends a key preview, the exact word a word preview; anything else says why', () => {
    expect(confirmRefusal(write(plan()), { key: 'y' })).toBeNull();
    const moved = write(vip);
    expect(confirmRefusal(moved, { key: 'y' })).toBe('type "k8s01" exactly to confirm');
    expect(confirmRefusal(moved, { word: 'k8s0' })).toBe('type "k8s01" exactly to confirm');
    expect(confirmRefusal(moved, { word: 'k8s01' })).toBeNull();
    expect(confirmRefusal(write(plan({ confirmWord: 'rancher' })), { word: 'rancher' })).toBeNull();
  });

  it('refuses what cannot be sent as it stands: unreachable LBs not left out, a refused move, an edit with errors, nothing to send', () => {
    const unreachable = plan({ unreachable: [{ lb: 'lb2', error: 'connection refused' }] });
    expect(confirmRefusal(write(unreachable), { key: 'y' })).toBe('refused: lb2 unreachable');
    expect(confirmRefusal(write({ ...unreachable, skipUnreachable: true }), { key: 'y' })).toBeNull();
    expect(confirmRefusal(write({ ...vip, refused: 'lb2 is down' }), { word: 'k8s01' })).toBe('refused: lb2 is down');
    const edit = { preview: 'entries', title: 'add x', errors: ['a map entry is KEY VALUE'], lbs: [], warnings: [] } as unknown as MapsPlan;
    expect(confirmRefusal(write(edit), { key: 'y' })).toBe('this plan has errors: nothing can be applied');
    expect(confirmRefusal(write(plan({ commands: [] })), { key: 'y' })).toBe('nothing to send');
  });

  it('one hint scope and one prompt for every family', () => {
    const key: WriteDialog = { kind: 'preview', write: write(plan()), typed: '' };
    const word: WriteDialog = { kind: 'preview', write: write({ ...vip, targets: ['lb2', 'lb3'] }), typed: 'k8' };
    expect([writeHintScope(key), writeHintScope(word), writeHintScope({ kind: 'busy', title: 'planning…' }), writeHintScope(null)]).toEqual(['preview', 'confirm', 'report', null]);
    expect(writePrompt(key, false)).toBe('y send   Esc/n cancel   ↑↓ PgUp PgDn scroll');
    expect(writePrompt(word, false)).toBe('type "k8s01" and Enter to send, Esc cancels: k8▏');
    const unreachable: WriteDialog = { kind: 'preview', write: write(plan({ unreachable: [{ lb: 'lb2', error: 'x' }] })), typed: '' };
    expect(writePrompt(unreachable, false)).toBe('REFUSED: lb2 unreachable — u apply without them   Esc cancels');
    expect(writePrompt(unreachable, true)).toBe('REFUSED: lb2 unreachable — Esc cancels');
  });

  it('the CLI prints the lines the dialog draws', () => {
    const drawn = linesText(previewLines(plan()));
    expect(previewText(plan())).toBe(`Plan: drain be/s1 on lb1, lb2\n${drawn}`);
    expect(drawn).toMatch(/lb1\s+be\/s1\s+ready\s+drain\s+3\n/);
    expect(drawn).toContain('  [lb1] set server be/s1 state drain');
    const moved = linesText(previewLines(vip));
    expect(previewText(vip)).toBe(`Plan: ${vip.title}\n${moved}\n\nConfirm by typing: k8s01`);
    expect(moved).toContain('  [lb1] write /etc/keepalived/maint: 1    # track file maint');
    expect(moved).toContain('Standby check (OK):\n  lb2: UP');
  });
});
