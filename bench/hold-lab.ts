// Starts a generated HAProxy with N servers (like the sizes scenario) and keeps it until Ctrl-C; prints its socket.
// For profiling by hand: `npx tsx bench/hold-lab.ts 10000`, then `node --cpu-prof bin/lbtop -s SOCKET`.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateConfig } from '../src/lab/generate-config.js';
import { startHaproxy } from '../src/lab/haproxy-process.js';

const servers = Number(process.argv[2] ?? 10000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-hold-'));
const haproxy = await startHaproxy({ name: 'hold', dir, config: generateConfig({ servers, backends: Math.max(1, Math.round(servers / 25)), checks: false }) });
process.stdout.write(`${haproxy.socket}\n`);
const stop = async () => {
  await haproxy.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
