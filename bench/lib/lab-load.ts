// The moving parts of the production lab, run as child processes of the harness (never of the tool under test,
// so their CPU is not the tool's):
//   node --import tsx bench/lib/lab-load.ts flap DIR PERIOD_MS...   one HTTP listener per period, toggled on/off
//   node --import tsx bench/lib/lab-load.ts traffic PER_SECOND SOCKET HOST...   GET / with each Host to the socket
// Each prints "ready" on stdout once running and stops on SIGTERM.
import { rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { flapSocket } from './production-config.js';

function flap(dir: string, periods: number[]): void {
  periods.forEach((periodMs, slot) => {
    const file = path.join(dir, flapSocket(slot));
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok\n');
    });
    let on = false;
    const toggle = () => {
      on = !on;
      if (on) {
        rmSync(file, { force: true });
        server.listen(file);
      } else {
        // Refuse from now on: HAProxy's checks fail (fall 3 → DOWN after ~6 s), then rise 2 once it listens again.
        server.closeAllConnections();
        server.close();
        rmSync(file, { force: true });
      }
    };
    toggle();
    // Half a period off-phase per slot, so some flapping server changes state every few seconds.
    setTimeout(() => {
      toggle();
      setInterval(toggle, periodMs);
    }, periodMs / 2 + (slot * periodMs) / (2 * periods.length));
  });
}

function traffic(perSecond: number, socketPath: string, hosts: string[]): void {
  // No keep-alive: each request is its own session, so stot and rates move on the trafficked rows.
  const agent = new http.Agent({ keepAlive: false });
  const gapMs = 1000 / perSecond;
  hosts.forEach((host, i) => {
    // Staggered so the requests of many backends do not all leave in the same millisecond.
    setTimeout(() => {
      setInterval(() => {
        const req = http.get({ socketPath, path: '/', headers: { host }, agent }, (res) => res.resume());
        req.on('error', () => undefined); // a request the lab refuses while it stops is not an error here
      }, gapMs);
    }, (i * gapMs) / hosts.length);
  });
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'flap') flap(args[0]!, args.slice(1).map(Number));
else if (mode === 'traffic') traffic(Number(args[0]), args[1]!, args.slice(2));
else {
  process.stderr.write(`usage: lab-load.ts flap DIR PERIOD_MS... | traffic PER_SECOND SOCKET HOST...\n`);
  process.exit(2);
}
process.on('SIGTERM', () => process.exit(0));
process.stdout.write('ready\n');
