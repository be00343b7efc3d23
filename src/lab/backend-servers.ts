// Tiny HTTP servers standing in for Kubernetes nodes behind HAProxy, on unix sockets in the lab directory
// (never a TCP port that could collide with anything on the machine). Each answers with its own name;
// `?hold=MS` answers after MS milliseconds: a long-lived session (a download, a websocket), what keeps a drain
// waiting and what SESSIONS shows.
import http from 'node:http';
import { rmSync } from 'node:fs';

export interface BackendServers {
  /** Socket path of a named server. */
  path(name: string): string;
  stop(): Promise<void>;
}

export async function startBackendServers(dir: string, names: string[], delayMs = 0): Promise<BackendServers> {
  const servers: http.Server[] = [];
  const pathOf = (name: string) => `${dir}/node-${name}.sock`;
  for (const name of names) {
    const server = http.createServer((req, res) => {
      const reply = () => {
        res.writeHead(200, { 'content-type': 'text/plain', 'x-served-by': name });
        res.end(`${name}\n`);
      };
      const hold = /[?&]hold=(\d+)/.exec(req.url ?? '');
      if (hold) setTimeout(reply, Math.min(Number(hold[1]), 3_600_000)).unref();
      else if (delayMs > 0) setTimeout(reply, Math.random() * delayMs);
      else reply();
    });
    rmSync(pathOf(name), { force: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(pathOf(name), () => resolve());
    });
    servers.push(server);
  }
  return {
    path: pathOf,
    stop: async () => {
      await Promise.all(
        servers.map((s) => new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        })),
      );
    },
  };
}
