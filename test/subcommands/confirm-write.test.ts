// The subcommands' one confirmation: whatever planned the write, the same preview print, the same refusals and
// stops (with each family's exit code), the same asking (y or the typed word) and the same outcome print.
import { describe, expect, it } from 'vitest';
import type { FailoverPlan } from '../../src/actions/failover/types.js';
import { planMapsEdit } from '../../src/actions/maps/plan.js';
import type { MapsPlan } from '../../src/actions/maps/types.js';
import { NO_AFTER_WRITE } from '../../src/actions/maps/deps.js';
import type { ApplyReport, Plan } from '../../src/actions/types.js';
import { outcomeText, previewText } from '../../src/present/confirmation.js';
import { confirmRollback, confirmWrite, type ConfirmIo, type WriteFlags } from '../../src/subcommands/confirm-write.js';

const plan = (extra: Partial<Plan> = {}): Plan => ({
  preview: 'servers', id: 'p1', title: 'drain be/s1 on lb1', kind: 'server-admin', warnings: [], rollback: [],
  changes: [{ lb: 'lb1', backend: 'be', server: 's1', from: 'ready', to: 'drain', sessions: 0 }],
  commands: [{ lb: 'lb1', command: 'set server be/s1 state drain' }],
  ...extra,
});
const vip = (extra: Partial<FailoverPlan> = {}): FailoverPlan => ({
  preview: 'vrrp', id: 'f1', title: 'move api from lb1 to lb2', kind: 'vip-move', method: 'track-file', vip: '10.0.0.1', instance: 'VI_1', cluster: 'k8s01',
  confirmWord: 'k8s01', from: 'lb1', to: 'lb2', steps: [], diffs: [], table: [], predictedOwner: 'lb2', reason: '',
  precheck: { ok: true, lines: [] }, notes: [], warnings: [], refused: null, watch: [],
  ...extra,
});
const edit = (extra: Partial<MapsPlan>): MapsPlan => ({ preview: 'entries', id: 'm1', title: 'add a in hosts.map', kind: 'map', file: '/etc/hosts.map', edit: { op: 'add', key: 'a', value: 'b' }, lbs: [], errors: [], warnings: [], ...extra });

function session(answers: { y?: boolean; word?: string } = {}) {
  const seen = { out: '', err: '', asked: [] as string[], sent: 0 };
  const io: ConfirmIo = {
    out: (t) => void (seen.out += t),
    err: (t) => void (seen.err += t),
    confirm: async (q) => (seen.asked.push(q), answers.y ?? false),
    askWord: async (prompt, word) => (seen.asked.push(prompt), answers.word === word),
  };
  const report = (p: Plan): ApplyReport => ({ plan: p, outcomes: [{ lb: 'lb1', status: 'verified', replies: [] }], ok: true, rollbackOffered: [], leftOut: [] });
  const run = (p: Plan | FailoverPlan | MapsPlan, flags: Partial<WriteFlags> = {}, nothing?: number) =>
    confirmWrite(p, { dryRun: false, yes: false, ...flags }, io, {
      send: async () => (seen.sent++, p.preview === 'servers' ? report(p) : null),
      outcome: (r) => (r ? { kind: 'servers', report: r } : null),
      ...(nothing !== undefined ? { nothing } : {}),
    });
  return { seen, io, run, report };
}

describe('confirmWrite', () => {
  it('prints the preview the dialog draws; --dry-run stops there (0), --yes sends and prints the outcome', async () => {
    const dry = session();
    expect(await dry.run(plan(), { dryRun: true })).toEqual({ sent: false, code: 0, why: 'dry-run' });
    expect(dry.seen.out).toBe(`${previewText(plan())}\n`);
    expect([dry.seen.sent, dry.seen.asked]).toEqual([0, []]);
    const yes = session();
    const sent = await yes.run(plan(), { yes: true });
    expect(sent.sent).toBe(true);
    expect(yes.seen.out).toBe(`${previewText(plan())}\n${outcomeText({ kind: 'servers', report: yes.report(plan()) })}\n`);
    expect(yes.seen.asked).toEqual([]);
  });

  it('asks y for a key confirmation and the word for a word one; anything else sends nothing (1)', async () => {
    const no = session({ y: false });
    expect(await no.run(plan())).toEqual({ sent: false, code: 1, why: 'declined' });
    expect(no.seen.out).toMatch(/cancelled: nothing was sent\n$/);
    expect([no.seen.sent, no.seen.asked]).toEqual([0, ['Send?']]);
    const y = session({ y: true });
    expect((await y.run(plan())).sent).toBe(true);
    const wrong = session({ y: true, word: 'k8s0' });
    expect(await wrong.run(vip())).toMatchObject({ sent: false, code: 1 });
    expect(wrong.seen.asked).toEqual(['Type k8s01 and Enter to send: ']);
    expect(wrong.seen.out).toContain('Confirm by typing: k8s01');
    const word = session({ word: 'k8s01' });
    expect(await word.run(vip())).toMatchObject({ sent: true });
    // ask: false (a held drain after --yes): not even a terminal y sends it.
    const held = session({ y: true });
    expect(await held.run(plan(), { ask: false })).toMatchObject({ sent: false, code: 1 });
    expect([held.seen.sent, held.seen.asked]).toEqual([0, []]);
  });

  it('refuses before asking, with the exit code of each family: a runtime plan or an edit 2, a failover 1', async () => {
    const unreachable = plan({ unreachable: [{ lb: 'lb2', error: 'connection refused' }] });
    const s = session({ y: true });
    expect(await s.run(unreachable, { yes: true })).toEqual({ sent: false, code: 2, why: 'refused' });
    expect(s.seen.err).toMatch(/^REFUSED: lb2 unreachable; .*Nothing was sent\.\n {2}bring it back/);
    expect(await s.run(plan({ refused: ['balance source takes no weight'] }), { yes: true })).toMatchObject({ code: 2 });
    expect(s.seen.err).toContain('REFUSED before sending:\n  balance source takes no weight\nNothing was sent.\n');
    expect(await s.run(vip({ refused: 'lb2 is down' }), { yes: true })).toMatchObject({ code: 1, why: 'refused' });
    expect(await s.run(edit({ errors: ['a map entry is KEY VALUE'] }), { yes: true })).toMatchObject({ code: 2, why: 'refused' });
    expect([s.seen.sent, s.seen.asked]).toEqual([0, []]);
  });

  it('--skip-unreachable: the preview says who is left out, and the plan goes', async () => {
    const s = session();
    const p = plan({ unreachable: [{ lb: 'lb2', error: 'connection refused' }] });
    expect((await s.run(p, { yes: true, skipUnreachable: true })).sent).toBe(true);
    expect(s.seen.out).toContain('Left out (unreachable): lbtop will not change them');
    expect(s.seen.err).toBe('warning: leaving out lb2 (unreachable): lbtop does not change them\n');
  });

  it('nothing to send: 1 for a runtime plan (or what the subcommand says), 0 for an edit with nothing to change', async () => {
    const s = session({ y: true });
    expect(await s.run(plan({ commands: [] }), { yes: true })).toEqual({ sent: false, code: 1, why: 'nothing' });
    expect(await s.run(plan({ commands: [] }), { yes: true }, 0)).toMatchObject({ code: 0, why: 'nothing' });
    const input = { lb: 'lb1', error: null, version: '2.6.12', nextVer: 0, runtime: [{ key: 'a', value: 'b' }], uses: [], disk: { text: 'a b\n', exists: true }, diskError: null, after: NO_AFTER_WRITE };
    const same = planMapsEdit('map', '/etc/haproxy/x.map', { op: 'set', key: 'a', value: 'b' }, [input]);
    expect(same.lbs.map((l) => l.noop)).toEqual([true]);
    expect(await s.run(same, { yes: true })).toMatchObject({ code: 0, why: 'nothing' });
    expect(s.seen.sent).toBe(0);
  });

  it('a rollback: --yes takes it, else a terminal y to "Roll back …?"', async () => {
    const s = session({ y: false });
    expect(await confirmRollback('roll back lb1', { yes: true }, s.io)).toBe(true);
    expect(await confirmRollback('roll back lb1', { yes: false }, s.io)).toBe(false);
    expect(s.seen.asked).toEqual(['Roll back lb1?']);
  });
});
