// A process that starts the demo's failover lab, prints its temp dir and pids as one JSON line, and waits to be
// killed: test/e2e/demo/demo-failover.test.ts kills it with SIGKILL, so no stop() runs.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDemoFailover } from '../../../src/lab/userns/demo-failover.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-failover-child-'));
startDemoFailover(dir).then((failover) => {
  process.stdout.write(`${JSON.stringify({ dir, pids: failover.lab?.pids() ?? [], why: failover.replayedBecause })}\n`);
  setInterval(() => {}, 1000);
}, (error: unknown) => {
  process.stdout.write(`${JSON.stringify({ dir, pids: [], why: String(error) })}\n`);
});
