// Live HTTP traffic through the fleet demo's LBs, so rates and sessions move on screen. A few requests hold
// their backend for seconds (the lab's `?hold=MS`): a node drain then shows sessions falling to zero.
import http from 'node:http';

export interface TrafficOptions {
  /** Requests per second across all the URLs, on average (the rate drifts so graphs move). */
  perSecond: number;
  /** Fraction of requests that hold their session 2-8 s. */
  holdFraction?: number;
}

/** Starts sending to `urls` (one per LB frontend); returns the function that stops it. */
export function startHttpTraffic(urls: string[], options: TrafficOptions): () => void {
  // No keep-alive: each request is a new session on the LB, as browsers of many clients would make.
  const agent = new http.Agent({ keepAlive: false, maxSockets: 64 });
  const holdFraction = options.holdFraction ?? 0.05;
  let phase = 0;
  const timer = setInterval(() => {
    phase += 0.05;
    const burst = Math.max(1, Math.round((options.perSecond / 10) * (1 + 0.6 * Math.sin(phase))));
    for (let i = 0; i < burst; i += 1) {
      const url = urls[Math.floor(Math.random() * urls.length)]!;
      const hold = Math.random() < holdFraction ? `?hold=${2000 + Math.floor(Math.random() * 6000)}` : '';
      const req = http.get(`${url}${hold}`, { agent }, (res) => res.resume());
      req.on('error', () => undefined); // a down node or a stopping lab is part of the demo
    }
  }, 100);
  timer.unref();
  return () => {
    clearInterval(timer);
    agent.destroy();
  };
}
