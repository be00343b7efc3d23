// Each row's recent polls (issue 16, trends) from real polls of a real HAProxy: the session rate and queue as
// HAProxy reports them, the 5xx rate from the hrsp_5xx counter's growth over the time between two polls.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawCommand, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import type { HaproxySnapshot } from '../../src/model/haproxy.js';
import { FleetStore } from '../../src/store/fleet-store.js';
import { TrendRing } from '../../src/store/trend-ring.js';
import { poller, requests, startTrendLab } from '../support/lab/trend-lab.js';

const last = (values: Float32Array) => values[values.length - 1]!;

describe('trends from real polls', () => {
  let dir: string;
  let lb: HaproxyProcess;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-trends-'));
    lb = await startTrendLab(dir);
  });
  afterAll(async () => {
    await lb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the session rate, the 5xx rate and the queue of every row, per poll', async () => {
    const poll = poller(lb);
    const store = new FleetStore([{ name: 'lb1', endpoint: 'unix' }], { historyLength: 8 });
    const series = (proxy: string, name: string, metric: 'rate' | 'err5xx' | 'qcur') => {
      const out = new Float32Array(8);
      expect(store.trends.series([{ lb: 'lb1', proxy, name }], metric, out)).toBe(true);
      return out;
    };
    const first = await poll.read();
    store.recordSuccess('lb1', first);
    // One poll: values, but no 5xx rate yet (a rate needs two counts).
    expect(Number.isNaN(last(series('be_bad', 'bad1', 'err5xx')))).toBe(true);
    expect(last(series('be_bad', 'bad1', 'qcur'))).toBe(0);
    expect(Array.from(series('be_bad', 'bad1', 'qcur').slice(0, 7)).every(Number.isNaN)).toBe(true);

    expect(await requests(lb, '/bad', 6)).toEqual([500, 500, 500, 500, 500, 500]);
    expect(await requests(lb, '/', 3)).toEqual([200, 200, 200]);
    const second = await poll.read();
    store.recordSuccess('lb1', second);
    const bad = second.stats.find((r) => r.proxy === 'be_bad' && r.name === 'bad1')!;
    expect(bad.hrsp5xx).toBe(6);
    const seconds = (second.at - first.at) / 1000;
    expect(last(series('be_bad', 'bad1', 'err5xx'))).toBeCloseTo(6 / seconds, 3);
    expect(last(series('be_bad', 'BACKEND', 'err5xx'))).toBeCloseTo(6 / seconds, 3);
    expect(last(series('fe_web', 'FRONTEND', 'err5xx'))).toBeCloseTo(6 / seconds, 3);
    expect(last(series('be_ok', 'ok1', 'err5xx'))).toBe(0);
    // The session rate is HAProxy's own (sessions over the last second): what `show stat` said at that poll.
    expect(last(series('be_bad', 'bad1', 'rate'))).toBe(bad.rate);

    // A quiet poll: the counter stands still, the rate is 0; the older polls shift left.
    const third = await poll.read();
    store.recordSuccess('lb1', third);
    const errs = series('be_bad', 'bad1', 'err5xx');
    expect(last(errs)).toBe(0);
    expect(errs[6]).toBeCloseTo(6 / seconds, 3);

    // Counters cleared (as a restart does): no rate that poll, rather than a negative one.
    await rawCommand(lb.socket, 'clear counters all');
    store.recordSuccess('lb1', await poll.read());
    expect(Number.isNaN(last(series('be_bad', 'bad1', 'err5xx')))).toBe(true);

    // A logical row across LBs sums each LB's value at the same poll age: the same HAProxy polled as two LBs.
    const two = new FleetStore([{ name: 'a', endpoint: 'unix' }, { name: 'b', endpoint: 'unix' }], { historyLength: 4 });
    two.recordSuccess('a', first);
    two.recordSuccess('b', first);
    two.recordSuccess('a', second);
    two.recordSuccess('b', second);
    const sum = new Float32Array(4);
    two.trends.series([{ lb: 'a', proxy: 'be_bad', name: 'bad1' }, { lb: 'b', proxy: 'be_bad', name: 'bad1' }], 'err5xx', sum);
    expect(last(sum)).toBeCloseTo((2 * 6) / seconds, 3);
    expect(Number.isNaN(sum[2]!)).toBe(true);
    poll.close();
  });

  it('finds unchanged rows by position, and frees the history of rows that are gone', async () => {
    const poll = poller(lb);
    const snapshot = await poll.read();
    const ring = new TrendRing(4);
    ring.record(snapshot);
    const rows = ring.rows;
    expect(rows).toBe(snapshot.stats.filter((r) => r.kind !== 'listener').length);
    // The same rows again (a quiet poll hands back the same array): no new slots.
    ring.record({ ...snapshot, at: snapshot.at + 1000 });
    expect(ring.rows).toBe(rows);
    // be_bad's server is gone from the LB: its slot is freed; back again, it starts with no past.
    const without: HaproxySnapshot = { ...snapshot, stats: snapshot.stats.filter((r) => r.name !== 'bad1'), at: snapshot.at + 2000 };
    ring.record(without);
    expect(ring.rows).toBe(rows - 1);
    expect(ring.series('be_bad', 'bad1', 'qcur', new Float32Array(4))).toBe(false);
    ring.record({ ...snapshot, at: snapshot.at + 3000 });
    const back = new Float32Array(4);
    expect(ring.series('be_bad', 'bad1', 'qcur', back)).toBe(true);
    expect(Array.from(back).map((v) => (Number.isNaN(v) ? null : v))).toEqual([null, null, null, 0]);
    poll.close();
  });
});
