// `haproxy -c` and the master CLI's reload on a real HAProxy, in both test runs (2.6, then 3.0): the check runs
// with the binary of the running process (its /proc/PID/exe) and refuses a binary of another version; the
// reload's reply is read where the version gives one (3.0: `Success=1`, or `Success=0` with the config's
// ALERTs, reported at once), and 3.1+'s "another reload is still in progress" is asked again.
import { appendFileSync, chmodSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfig, reloadLb } from '../../src/actions/lb-reload.js';
import { testHaproxyBin, testHaproxyVersion } from '../../src/lab/haproxy-versions.js';
import { HaproxyClient } from '../../src/sources/haproxy/client.js';
import { unixSocket } from '../../src/transport/local.js';
import { startMapsLab, type MapsLab } from '../support/lab/maps-lab.js';

const LB = 'lb-r';
const v30 = testHaproxyVersion() === '3.0';

describe(`haproxy -c and reload on a real HAProxy ${testHaproxyVersion()}`, () => {
  let lab: MapsLab;
  const workerPid = async () => Number(/Pid: (\d+)/.exec(await lab.deps.clients.get(LB)!.send('show info'))![1]);
  beforeAll(async () => {
    lab = await startMapsLab([LB]);
    lab.policy[LB]!.bin = null;
    lab.policy[LB]!.mode = 'reload';
  });
  afterAll(async () => lab?.close());

  it('checks with the binary that runs the LB, found from its worker\'s /proc/PID/exe', async () => {
    const check = await checkConfig(lab.deps, LB, lab.policy[LB]!);
    expect(check.ok, check.detail).toBe(true);
    expect(check.detail).toContain(`(${realpathSync(testHaproxyBin())}, HAProxy ${v30 ? '3.0.' : '2.6.'}`);
    const sent = readFileSync(path.join(lab.root, 'audit.jsonl'), 'utf8');
    expect(sent).toContain(`${realpathSync(testHaproxyBin())} -c -f ${lab.lbs[LB]!.configPath}`);
  });

  it('refuses a configured binary of another version instead of checking with it', async () => {
    const fake = path.join(lab.root, 'haproxy-9.9');
    writeFileSync(fake, '#!/bin/sh\necho "HAProxy version 9.9.9-1 2026/01/01 - https://haproxy.org/"\n');
    chmodSync(fake, 0o755);
    const check = await checkConfig(lab.deps, LB, { ...lab.policy[LB]!, bin: fake });
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(new RegExp(`haproxy -c not run: ${fake} is HAProxy 9\\.9\\.9-1 but the LB runs ${v30 ? '3\\.0' : '2\\.6'}\\.`));
  });

  it('reloads through the master and says what the master answered', async () => {
    const before = await workerPid();
    const reload = await reloadLb(lab.deps, LB, lab.policy[LB]!);
    expect(reload.ok, reload.detail).toBe(true);
    expect(reload.detail).toMatch(new RegExp(`^reloaded: worker ${before} → \\d+`));
    // 2.6 closes the master connection without a word; 2.7+ answers Success=1 once the new worker is up.
    if (v30) expect(reload.detail).toContain('(master: Success=1)');
    else expect(reload.detail).not.toContain('Success');
  });

  it('a reload HAProxy refuses: 3.0 says why at once (Success=0 and the ALERTs); 2.6 only by a worker that stays', async () => {
    const cfg = lab.lbs[LB]!.configPath;
    const good = readFileSync(cfg, 'utf8');
    appendFileSync(cfg, '\nbackend broken\n    no-such-keyword here\n');
    const before = await workerPid();
    const started = Date.now();
    try {
      const reload = await reloadLb(lab.deps, LB, lab.policy[LB]!, 3000);
      expect(reload.ok).toBe(false);
      if (v30) {
        expect(reload.detail).toMatch(/^HAProxy refused the reload \(Success=0\): ALERT: config : parsing \[.*haproxy\.cfg:\d+\] : unknown keyword 'no-such-keyword'/);
        expect(reload.detail).toContain(`worker ${before} keeps running the old config`);
        expect(Date.now() - started).toBeLessThan(2500);
      } else {
        expect(reload.detail).toBe(`the worker is still ${before} after 3000 ms: the reload did not happen`);
      }
    } finally {
      writeFileSync(cfg, good);
    }
    expect(await workerPid()).toBe(before);
    // The master is still there and takes the next (good) reload.
    expect((await reloadLb(lab.deps, LB, lab.policy[LB]!)).ok).toBe(true);
  });

  it('"another reload is still in progress" (3.1+) is asked again, then the reload goes through', async () => {
    // A master socket in front of the real one: its first answer is 3.1's refusal (mworker.c, cli_parse_reload),
    // every later connection goes to the real master.
    const front = path.join(lab.root, 'front-master.sock');
    let refused = 0;
    const server = net.createServer((conn) => {
      if (refused++ === 0) {
        conn.once('data', () => conn.end('Success=0\n--\nAnother reload is still in progress.\n\n'));
        return;
      }
      const up = net.createConnection(lab.lbs[LB]!.masterSocket);
      conn.pipe(up).pipe(conn);
      up.on('error', () => conn.destroy());
      conn.on('error', () => up.destroy());
    });
    await new Promise<void>((resolve) => server.listen(front, resolve));
    const master = new HaproxyClient(unixSocket(front));
    try {
      const before = await workerPid();
      const reload = await reloadLb({ ...lab.deps, master: () => master }, LB, lab.policy[LB]!);
      expect(reload.ok, reload.detail).toBe(true);
      expect(reload.detail).toMatch(new RegExp(`^reloaded: worker ${before} → \\d+ \\(asked again after "another reload is still in progress"\\)`));
      expect(refused).toBeGreaterThanOrEqual(2);
    } finally {
      master.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
