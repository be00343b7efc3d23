// History read back from a log recorded by test/e2e/history-undo.test.ts (fixtures/lbtop/audit.jsonl) and from
// the same log without its plan records (what an older lbtop wrote); the reader on a file being written, cut,
// rotated and removed; and the reasons undo gives where it is not offered.
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/actions/audit-log.js';
import { recordPlan } from '../../src/actions/audit-plan.js';
import { auditTail, readAuditLog } from '../../src/actions/audit-read.js';
import { groupHistory, type HistoryEntry } from '../../src/actions/history.js';
import { mapsUndoNote, recordMapsPlan } from '../../src/actions/maps/undo-note.js';
import type { MapsPlan } from '../../src/actions/maps/types.js';
import { undoRefusal } from '../../src/actions/undo-plan.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/lbtop');
const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('history from a recorded audit log', () => {
  const { records, problems } = readAuditLog(path.join(FIXTURES, 'audit.jsonl'));
  const entries = groupHistory(records);

  it('groups the records per action, newest first, with the outcome per LB and the way back', () => {
    expect(entries.map((e) => e.title)).toEqual([
      'ready be/s1 on lb1',
      'drain be/s1 on lb1',
      'undo: weight 3 be/s2 on lb1',
      'weight 3 be/s2 on lb1',
      'undo: drain be/s3 on lb1, lb2',
      'drain be/s3 on lb1, lb2',
      'undo: drain be/s1 on lb1, lb2',
      'drain be/s1 on lb1, lb2',
    ]);
    const drain = entries.at(-1)!;
    expect(drain).toMatchObject({ user: 'root', kind: 'server-admin', lbs: ['lb1', 'lb2'] });
    expect(drain.outcomes).toEqual([{ lb: 'lb1', status: 'VERIFIED' }, { lb: 'lb2', status: 'VERIFIED' }]);
    expect(drain.commands.map((c) => `${c.lb} ${c.command} ${c.result}`)).toEqual(['lb1 set server be/s1 state drain done', 'lb2 set server be/s1 state drain done']);
    expect(drain.rollback).toEqual([{ lb: 'lb1', command: 'set server be/s1 state ready', expect: 'ready' }, { lb: 'lb2', command: 'set server be/s1 state ready', expect: 'ready' }]);
    // The undo of s3 went to lb1 only: lb2 had moved on.
    expect(entries[4]!.lbs).toEqual(['lb1']);
    for (const e of entries) expect(undoRefusal(e)).toBeNull();
  });

  it('reports the hostile and torn lines the test appended, and reads the record glued to the torn one', () => {
    expect(problems).toEqual([
      'line 38: no valid time; left out',
      'line 39: not a record; left out',
      'line 40: not JSON; left out',
      'line 41: no lb, command or phase; left out',
      'line 42: a torn record (cut by a crash?) before a whole one; the torn part is left out',
    ]);
    // The plan record of the last action was the one glued to the torn line.
    expect(entries[0]!.rollback).toEqual([{ lb: 'lb1', command: 'set server be/s1 state drain', expect: 'drain' }]);
  });

  it('reads a log written before plan records: the same actions, titled from their outcomes, without undo', () => {
    const old = groupHistory(readAuditLog(path.join(FIXTURES, 'audit-before-plan-records.jsonl')).records);
    expect(old.map((e) => e.title)).toEqual(entries.map((e) => e.title));
    expect(old.at(-1)!.outcomes).toEqual([{ lb: 'lb1', status: 'VERIFIED' }, { lb: 'lb2', status: 'VERIFIED' }]);
    expect(undoRefusal(old.at(-1)!)).toBe('undo not offered: this entry was written by an lbtop that did not record the way back');
  });
});

describe('reading a log that is being written', () => {
  const file = path.join(dir, 'live.jsonl');
  const log = openAuditLog(file, 'alice');
  const plan = { preview: 'servers' as const, id: 'plan-a', title: 'drain be/s1 on lb1', kind: 'server-admin' as const, changes: [], warnings: [], commands: [{ lb: 'lb1', command: 'set server be/s1 state drain', expect: 'drain' }], rollback: [{ lb: 'lb1', command: 'set server be/s1 state ready', expect: 'ready' }] };

  it('reads only what was appended, holds back a line being written, and starts over after a rotation', () => {
    const tail = auditTail(file);
    expect(tail.read().problems).toEqual([`no audit log at ${file} yet (nothing written, or rotated away)`]);
    recordPlan(log, plan);
    log.append({ lb: 'lb1', command: 'set server be/s1 state drain', phase: 'send', plan: 'plan-a' });
    const first = tail.read();
    expect(first.changed).toBe(true);
    expect(groupHistory(first.records)[0]!.outcomes).toEqual([{ lb: 'lb1', status: 'NO-REPLY', detail: 'no reply recorded for "set server be/s1 state drain" (lbtop stopped?)' }]);
    expect(tail.read().changed).toBe(false);
    // Half a record: not read until its newline comes.
    const reply = JSON.stringify({ time: new Date().toISOString(), user: 'alice', lb: 'lb1', command: 'set server be/s1 state drain', reply: 'No such server.\n', phase: 'reply', plan: 'plan-a' });
    appendFileSync(file, reply.slice(0, 30));
    expect(tail.read().problems).toEqual(['the last line is incomplete (30 bytes: being written, or cut by a crash); left out']);
    appendFileSync(file, `${reply.slice(30)}\n`);
    const done = tail.read();
    expect(done.problems).toEqual([]);
    expect(groupHistory(done.records)[0]!.outcomes).toEqual([{ lb: 'lb1', status: 'REJECTED', detail: 'No such server.' }]);
    // logrotate: the file moves away, a new one starts.
    renameSync(file, `${file}.1`);
    expect(tail.read().records).toEqual([]);
    writeFileSync(file, `${reply}\n`);
    const rotated = tail.read();
    expect(rotated.records).toHaveLength(1);
    expect(rotated.problems).toEqual([]);
  });

  it('keeps reads out of history', () => {
    const f = path.join(dir, 'reads.jsonl');
    const l = openAuditLog(f, 'bob');
    l.append({ lb: 'lb1', command: 'show stat', phase: 'send' });
    l.append({ lb: 'lb1', command: 'show stat', reply: 'x', phase: 'reply' });
    expect(readAuditLog(f).records).toEqual([]);
  });
});

describe('where undo is not offered, it says why', () => {
  const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({ id: 'x', time: '2026-12-07T14:00:00Z', user: 'u', lbs: ['lb1'], title: 't', kind: 'server-admin', commands: [], outcomes: [], ...over });

  it('failover, raw commands and plans with no way back', () => {
    expect(undoRefusal(entry({ kind: 'vip-move' }))).toMatch(/^undo not offered for a failover: moving the VIP back is another failover/);
    expect(undoRefusal(entry({ kind: 'cli', id: 'cli-2026-lb1' }))).toMatch(/raw command/);
    expect(undoRefusal(entry({ kind: 'sessions', rollback: [] }))).toMatch(/ended sessions cannot be brought back/);
    expect(undoRefusal(entry({ kind: 'table-clear', rollback: [] }))).toMatch(/cleared stick-table entry cannot be put back/);
    expect(undoRefusal(entry({ rollback: [] }))).toMatch(/recorded no way back/);
    expect(undoRefusal(entry({ rollback: [{ lb: 'lb1', command: 'del map #1 k' }] }))).toMatch(/which undo does not re-plan/);
  });

  it('a map/ACL edit names its inverse edit', () => {
    const lb = (value: string) => ({ lb: 'lb1', before: [{ key: 'a.example.com', value }], after: [] }) as unknown as MapsPlan['lbs'][number];
    const plan = (edit: MapsPlan['edit'], values = ['be1']) => ({ preview: 'entries', id: 'm', title: 't', kind: 'map', file: '/etc/haproxy/hosts.map', edit, lbs: values.map(lb), errors: [], warnings: [] }) as MapsPlan;
    expect(mapsUndoNote(plan({ op: 'add', key: 'b.example.com', value: 'be2' }))).toMatch(/its inverse: lbtop map del \/etc\/haproxy\/hosts.map b.example.com$/);
    expect(mapsUndoNote(plan({ op: 'set', key: 'a.example.com', value: 'be2' }))).toMatch(/its inverse: lbtop map set \/etc\/haproxy\/hosts.map a.example.com be1$/);
    expect(mapsUndoNote(plan({ op: 'del', key: 'a.example.com' }, ['be 1']))).toMatch(/its inverse: lbtop map add \/etc\/haproxy\/hosts.map a.example.com 'be 1'$/);
    expect(mapsUndoNote(plan({ op: 'del', key: 'a.example.com' }, ['be1', 'be2']))).toMatch(/the value before differed between LBs \(be1, be2\)$/);
    expect(mapsUndoNote(plan({ op: 'replace', entries: [] }))).toMatch(/kept as \/etc\/haproxy\/hosts.map.lbtop-bak on each LB$/);
  });

  it('the map edit\'s plan record carries that note into history', () => {
    const file = path.join(dir, 'map.jsonl');
    const lbPlan = { lb: 'lb1', before: [{ key: 'a.example.com', value: 'be1' }], after: [], commands: ['set map /etc/haproxy/hosts.map a.example.com be2'], file: null, noop: false } as unknown as MapsPlan['lbs'][number];
    recordMapsPlan(openAuditLog(file, 'carol'), { preview: 'entries', id: 'map-1', title: 'set a.example.com to be2 in /etc/haproxy/hosts.map', kind: 'map', file: '/etc/haproxy/hosts.map', edit: { op: 'set', key: 'a.example.com', value: 'be2' }, lbs: [lbPlan], errors: [], warnings: [] });
    const [entry] = groupHistory(readAuditLog(file).records);
    expect(entry).toMatchObject({ id: 'map-1', kind: 'map', user: 'carol', lbs: ['lb1'], steps: [{ lb: 'lb1', command: 'set map /etc/haproxy/hosts.map a.example.com be2' }] });
    expect(undoRefusal(entry!)).toMatch(/its inverse: lbtop map set \/etc\/haproxy\/hosts.map a.example.com be1$/);
  });
});
