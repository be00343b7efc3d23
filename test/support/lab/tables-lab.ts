// Two real HAProxy LBs on loopback that share stick tables through a `peers` section, for the fixtures
// (fixtures/haproxy-tables/record.ts) and the TABLES/peers tests. Each LB has a frontend that feeds three tables:
//   per_client        string key (the x-client header), HAProxy's gpc/gpc_rate ARRAYS, shared through the peers
//   lbpeers/rl_src    declared in the peers section, client address key, the LEGACY gpc0/gpc0_rate
//   local_only        string key, not in the peers section: each LB has its own
// The dump prints both families the same way (gpc0=…, gpc0_rate(10000)=…), which is what the filter builder must
// tell apart. `brokenPeers` names the other LB at a closed port on both sides: both run, neither syncs.
import http from 'node:http';
import net from 'node:net';
import { startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';

export interface TablesLab {
  lbs: Record<'lb-a' | 'lb-b', HaproxyProcess>;
  /** The frontend's port of each LB. */
  http: Record<'lb-a' | 'lb-b', number>;
  /** One request to an LB's frontend, as client `client` (x-client header) from `from` (a 127.x address). */
  request(lb: 'lb-a' | 'lb-b', client: string | null, from?: string): Promise<number>;
  /** A request as `client` whose body never comes: its entries stay tracked (use=1) until `release()` (or 4 s). */
  hold(lb: 'lb-a' | 'lb-b', client: string): { release(): void };
  stop(): Promise<void>;
}

export async function freeTcpPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export function tablesLabConfig(self: string, httpPort: number, peers: Record<string, number>): string {
  return `global
  stats socket @SOCKET@ mode 600 level admin
  localpeer ${self}
defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
peers lbpeers
${Object.entries(peers).map(([name, port]) => `  peer ${name} 127.0.0.1:${port}`).join('\n')}
  table rl_src type ip size 1k expire 10m store gpc0,gpc0_rate(10s),http_req_rate(10s)
backend per_client
  stick-table type string len 32 size 1k expire 10m store gpc(2),gpc_rate(2,10s),http_req_cnt,conn_cur peers lbpeers
backend local_only
  stick-table type string len 32 size 100 expire 10m store http_req_cnt
frontend fe
  bind 127.0.0.1:${httpPort}
  acl named req.hdr(x-client) -m found
  http-request track-sc0 req.hdr(x-client) table per_client if named
  http-request track-sc1 src table lbpeers/rl_src
  http-request track-sc2 req.hdr(x-client) table local_only if named
  http-request sc-inc-gpc(1,0) if named
  http-request sc-inc-gpc0(1)
  # A request that announces a body and sends none keeps its entries tracked (use=1) until the body comes.
  http-request wait-for-body time 4s if named
  http-request return status 200 content-type text/plain string ok
`;
}

export async function startTablesLab(options: { dir: string; haproxyBin?: string; brokenPeers?: boolean }): Promise<TablesLab> {
  const names = ['lb-a', 'lb-b'] as const;
  const peer = { 'lb-a': await freeTcpPort(), 'lb-b': await freeTcpPort() };
  const port = { 'lb-a': await freeTcpPort(), 'lb-b': await freeTcpPort() };
  // A closed port for the other side: a port just freed, nobody listens there.
  const closed = await freeTcpPort();
  const started: HaproxyProcess[] = [];
  try {
    for (const name of names) {
      const other = name === 'lb-a' ? 'lb-b' : 'lb-a';
      const peers = { [name]: peer[name], [other]: options.brokenPeers ? closed : peer[other] };
      const bin = options.haproxyBin ? { haproxyBin: options.haproxyBin } : {};
      started.push(await startHaproxy({ name, dir: options.dir, config: tablesLabConfig(name, port[name], peers), ...bin }));
    }
  } catch (error) {
    await Promise.all(started.map((p) => p.stop()));
    throw error;
  }
  return {
    lbs: { 'lb-a': started[0]!, 'lb-b': started[1]! },
    http: port,
    request: (lb, client, from = '127.0.0.1') => get(port[lb], client, from),
    hold: (lb, client) => {
      const socket = net.createConnection({ host: '127.0.0.1', port: port[lb] });
      socket.on('error', () => {});
      socket.write(`POST / HTTP/1.1\r\nhost: lab\r\nx-client: ${client}\r\ncontent-length: 100\r\n\r\n`);
      return { release: () => socket.destroy() };
    },
    stop: async () => void (await Promise.all(started.map((p) => p.stop()))),
  };
}

function get(port: number, client: string | null, from: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = client === null ? {} : { 'x-client': client };
    const req = http.get({ host: '127.0.0.1', port, path: '/', headers, localAddress: from, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
}
