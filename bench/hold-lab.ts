// Starts a generated HAProxy with N servers (like the benchmark) and keeps it until Ctrl-C; prints its socket.
// For profiling by hand: `npx tsx bench/hold-lab.ts 10000`, then `node --cpu-prof bin/lbtop -s SOCKET`.
// `--production`: the production lab (checks, traffic, flapping; bench/lib/production-lab.ts) instead of the quiet one.
import { Cleanup } from './lib/cleanup.js';
import { startLab } from './lib/lab.js';
import { startProductionLab } from './lib/production-lab.js';

const args = process.argv.slice(2);
const servers = Number(args.find((a) => /^\d+$/.test(a)) ?? 10000);
const cleanup = new Cleanup();
const lab = args.includes('--production') ? await startProductionLab(servers, cleanup) : await startLab(servers, cleanup);
process.stdout.write(`${lab.haproxy.socket}\n`);
cleanup.installSignalHandlers((line) => process.stderr.write(`${line}\n`));
setInterval(() => {}, 1 << 30);
