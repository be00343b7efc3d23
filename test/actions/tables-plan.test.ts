// The clear plan, its verification and the compare, on replies recorded from HAProxy 2.6 and 3.0
// (fixtures/haproxy-tables/); the runtime API is faked at the process boundary (command → recorded reply).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replyIsError } from '../../src/actions/apply.js';
import { planTableClear } from '../../src/actions/tables/clear-plan.js';
import { compareTables, compareText } from '../../src/actions/tables/compare.js';
import { readKeyOnLbs } from '../../src/actions/tables/read-key.js';
import { verifyTableKey } from '../../src/actions/tables/verify-key.js';
import type { RuntimeApi } from '../../src/sources/haproxy/client.js';
import { parseTableDump } from '../../src/sources/haproxy/tables/parse-table.js';
import { previewText } from '../../src/present/confirmation.js';

const read = (v: string, name: string) => readFileSync(new URL(`../../fixtures/haproxy-tables/${v}/${name}.txt`, import.meta.url), 'utf8');
/** A runtime API that answers each command with a recorded reply. */
const replying = (label: string, replies: Record<string, string>): RuntimeApi => ({
  label,
  send: async (line) => {
    if (!(line in replies)) throw new Error(`unexpected command ${line}`);
    return replies[line]!;
  },
  close: () => {},
});

describe.each(['2.6', '3.0'])('clear and compare on HAProxy %s replies', (v) => {
  it('plans the clear where the key is, notes where it is not, refuses nothing silently', async () => {
    const clients = new Map([
      ['lb-a', replying('lb-a', { 'show table per_client key alice': read(v, 'lb-a-key-alice') })],
      ['lb-b', replying('lb-b', { 'show table per_client key alice': read(v, 'lb-a-key-nobody') })],
      ['lb-c', replying('lb-c', { 'show table per_client key alice': read(v, 'lb-a-no-such-table') })],
      ['lb-d', replying('lb-d', { 'show table per_client key alice': read(v, 'lb-a-filter-bad-op') })],
    ]);
    const readings = await readKeyOnLbs(clients, ['lb-a', 'lb-b', 'lb-c', 'lb-d', 'lb-e'], 'per_client', 'alice');
    expect(readings.map((r) => [r.lb, r.kind])).toEqual([['lb-a', 'entry'], ['lb-b', 'absent'], ['lb-c', 'no-table'], ['lb-d', 'refused'], ['lb-e', 'error']]);
    const plan = planTableClear('per_client', 'alice', readings);
    expect(plan.kind).toBe('table-clear');
    expect(plan.commands).toEqual([{ lb: 'lb-a', command: 'clear table per_client key alice', before: expect.stringContaining('http_req_cnt=3'), readBack: { table: 'per_client', key: 'alice' } }]);
    expect(plan.rollback).toEqual([]);
    expect(plan.unreachable).toEqual([{ lb: 'lb-e', error: 'no connection configured' }]);
    const text = previewText(plan);
    expect(text).toContain('lb-b: no entry for alice (nothing to send)');
    expect(text).toContain('lb-c: has no table per_client');
    expect(text).toMatch(/! lb-d: HAProxy refused .*Require and operator/);
    expect(text).toContain('[lb-a] clear table per_client key alice');
  });

  it('an entry in use (use=1) is warned about: HAProxy will refuse to clear it', async () => {
    const clients = new Map([['lb-a', replying('lb-a', { 'show table per_client key dave': read(v, 'lb-a-key-dave-in-use') })]]);
    const plan = planTableClear('per_client', 'dave', await readKeyOnLbs(clients, ['lb-a'], 'per_client', 'dave'));
    expect(plan.changes).toEqual([{ lb: 'lb-a', backend: 'per_client', server: 'dave', from: 'use=1', to: 'cleared', sessions: 1 }]);
    expect(plan.warnings[0]).toMatch(/lb-a: 1 session\(s\) track this entry now: HAProxy refuses/);
    expect(replyIsError('clear table per_client key dave', read(v, 'lb-a-clear-in-use'))).toBe(true);
    expect(replyIsError('clear table per_client key alice', read(v, 'lb-a-clear-alice'))).toBe(false);
  });

  it('a key still there after the clear is reported (a peer may have pushed it back)', async () => {
    const still = replying('lb-a', { 'show table per_client key alice': read(v, 'lb-a-key-alice') });
    expect(await verifyTableKey(still, { table: 'per_client', key: 'alice' })).toEqual(['per_client key alice is still there (use=0)']);
    const gone = replying('lb-a', { 'show table per_client key alice': read(v, 'lb-a-key-nobody') });
    expect(await verifyTableKey(gone, { table: 'per_client', key: 'alice' })).toEqual([]);
  });

  it('compare: alice cleared on lb-a only shows as missing there; conn_cur and exp are not compared', () => {
    const a = parseTableDump(read(v, 'lb-a-after-clear-per_client'));
    const b = parseTableDump(read(v, 'lb-b-after-clear-on-a-per_client'));
    const c = compareTables('per_client', new Map([['lb-a', a], ['lb-b', b], ['lb-c', null]]));
    expect(c).toMatchObject({ lbs: ['lb-a', 'lb-b'], without: ['lb-c'], same: 2 });
    expect(c.rows.map((r) => [r.key, r.kind])).toEqual([['alice', 'missing']]);
    expect(compareText(c)).toContain('  alice: only on lb-b (missing on lb-a)');
    // A value that differs is named with each LB's value.
    const changed = structuredClone(b)!;
    changed.entries.find((e) => e.key === 'bob')!.data.find((d) => d.column === 'http_req_cnt')!.value = 9;
    changed.entries.find((e) => e.key === 'carol')!.data.find((d) => d.column === 'conn_cur')!.value = 5;
    const d = compareTables('per_client', new Map([['lb-a', a], ['lb-b', changed]]));
    expect(d.rows.filter((r) => r.kind === 'differs').map((r) => [r.key, r.columns])).toEqual([['bob', ['http_req_cnt']]]);
    expect(compareText(d)).toContain('  bob: http_req_cnt lb-a=1 lb-b=9');
  });
});
