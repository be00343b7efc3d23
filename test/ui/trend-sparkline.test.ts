// The TRAFFIC and HTTP views' sparklines against a real HAProxy: real requests, real polls into the real store,
// the App rendered by the UI harness. The sparkline cell of the row that took the traffic changes; the others stay.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import type { HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { FleetStore } from '../../src/store/fleet-store.js';
import { sparkline } from '../../src/ui/columns/sparkline.js';
import { poller, requests, startTrendLab } from '../support/lab/trend-lab.js';
import { fakeServices, renderApp, settle } from './helpers.js';

/** The sparkline column of `name`'s line: the text under the header `header`, as wide as the column (12). */
function cellUnder(lines: string[], header: string, name: string): string {
  const head = lines.find((l) => l.includes(header))!;
  const at = head.indexOf(header);
  const line = lines.find((l) => new RegExp(`^\\s*${name}\\s`).test(l))!;
  return line.slice(at, at + 12);
}

describe('sparklines in the TRAFFIC and HTTP views', () => {
  let dir: string;
  let lb: HaproxyProcess;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-spark-'));
    lb = await startTrendLab(dir);
  });
  afterAll(async () => {
    await lb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws blocks scaled to the highest value, blanks for nothing, ASCII on request', () => {
    expect(sparkline([NaN, 0, 1, 2, 4, 8])).toBe('  ▁▂▄█');
    expect(sparkline([0, 0, 0])).toBe('   ');
    expect(sparkline([5, 5, 5])).toBe('███');
    expect(sparkline([NaN, 0, 1, 2, 4, 8], true)).toBe('  .,-#');
  });

  it('moves with real traffic: the row that took the requests changes, an idle row stays blank', async () => {
    const clock = { now: Date.now() };
    const { config } = loadConfig(`lbs:\n  lab:\n    haproxy: { socket: ${lb.socket} }\n`);
    const store = new FleetStore([{ name: 'lab', endpoint: lb.socket }], { now: () => clock.now });
    const poll = poller(lb);
    const record = async () => {
      const snapshot = await poll.read();
      clock.now = snapshot.at;
      store.recordSuccess('lab', snapshot);
      await settle();
    };
    await record();
    const { services } = fakeServices({ store, config: config!, clock });
    const app = await renderApp(services, { columns: 160, rows: 30 }, 'http');
    await record();
    expect(app.frame()).toContain('5XX/S TREND');
    const before = cellUnder(app.lines(), '5XX/S TREND', 'bad1');
    expect(before.trim()).toBe('');

    await requests(lb, '/bad', 5);
    await record();
    const after = cellUnder(app.lines(), '5XX/S TREND', 'bad1');
    expect(after).not.toBe(before);
    expect(after.trimEnd().endsWith('█')).toBe(true);
    expect(cellUnder(app.lines(), '5XX/S TREND', 'ok1').trim()).toBe('');

    // A quiet poll: nothing changes in the row's numbers, the spike moves one place left.
    await record();
    const moved = cellUnder(app.lines(), '5XX/S TREND', 'bad1');
    expect(moved).not.toBe(after);
    expect(moved.trimEnd().endsWith('█')).toBe(true);
    expect(moved.indexOf('█')).toBe(after.indexOf('█') - 1);

    // TRAFFIC: the session rate of the server that took requests.
    // HAProxy's session rate counts the last second: requests and a poll until one poll lands within it.
    await app.press('2');
    for (let i = 0; i < 5 && cellUnder(app.lines(), 'RATE TREND', 'ok1').trim() === ''; i++) {
      await requests(lb, '/', 8);
      await record();
    }
    expect(cellUnder(app.lines(), 'RATE TREND', 'ok1').trim()).not.toBe('');
    app.unmount();
    poll.close();
  });
});
