// Live HTTP traffic through the fleet demo's LBs, so rates and sessions move on screen. A few requests hold
// their backend for seconds (the lab's `?hold=MS`): a node drain then shows sessions falling to zero. It runs as a
// process on the lab's gateway side (`node -e`), not in lbtop: in a user namespace lbtop cannot reach the LBs'
// addresses, and one path for both kinds of lab is one path tested.
import type { NetnsLab } from './netns/lab.js';

export interface TrafficOptions {
  /** Requests per second across all the URLs, on average (the rate drifts so graphs move). */
  perSecond: number;
  /** Fraction of requests that hold their session 2-8 s. */
  holdFraction?: number;
}

const SCRIPT = `
const http = require('node:http');
const [urls, perSecond, holdFraction] = JSON.parse(process.argv[1]);
// No keep-alive: each request is a new session on the LB, as browsers of many clients would make.
const agent = new http.Agent({ keepAlive: false, maxSockets: 64 });
let phase = 0;
setInterval(() => {
  phase += 0.05;
  const burst = Math.max(1, Math.round((perSecond / 10) * (1 + 0.6 * Math.sin(phase))));
  for (let i = 0; i < burst; i += 1) {
    const url = urls[Math.floor(Math.random() * urls.length)];
    const hold = Math.random() < holdFraction ? '?hold=' + (2000 + Math.floor(Math.random() * 6000)) : '';
    // A down node or a stopping lab is part of the demo.
    http.get(url + hold, { agent }, (res) => res.resume()).on('error', () => undefined);
  }
}, 100);
`;

/** Starts sending to `urls` (one per LB frontend) from inside the lab; returns the function that stops it. */
export function startHttpTraffic(lab: NetnsLab, urls: string[], options: TrafficOptions): () => void {
  const child = lab.spawnGateway([process.execPath, '-e', SCRIPT, JSON.stringify([urls, options.perSecond, options.holdFraction ?? 0.05])]);
  return () => void child.kill('SIGKILL');
}
