// What the demo adds to seed 002's pair so the incident views have something real to show:
//  - a `peers` section between lb-0 and lb-1 (loopback TCP) sharing the stick tables, which the seed's pair lacks:
//    without it a VIP move loses every table (TABLES compares them, the VIP move's pre-check reads `show peers`);
//  - a rate limiter on the http frontend keyed by the client's X-Forwarded-For (the traffic sends a few clients,
//    one of them noisy enough to get 429s), so a table has entries with rates and counters;
//  - a long `timeout server` on the ingress backends, as the seed has it (3600s), so long sessions can hold a
//    drain (SESSIONS, `shutdown sessions server`);
//  - seed 004's backend of pods as the post prints it, at the addresses inside the prefixes the demo's BIRD node
//    speakers announce (NODES maps them through BGP). The lab's HAProxy cannot route to the node namespaces, so
//    the pods' health checks are left out here (they would all be DOWN); that is the one change to the post.

export interface PairPeers {
  /** This LB's peer name (HAProxy's `localpeer`). */
  self: string;
  /** Every peer of the pair and its loopback port. */
  ports: Readonly<Record<string, number>>;
}

export const PEERS_SECTION = 'demo_pair';

/** Lines inserted into `global`: this process's name among the peers. */
export function localPeer(peers: PairPeers): string {
  return `  localpeer ${peers.self}\n`;
}

export function peersSection(peers: PairPeers): string {
  const lines = Object.entries(peers.ports).map(([name, port]) => `  peer ${name} 127.0.0.1:${port}`);
  return `peers ${PEERS_SECTION}\n${lines.join('\n')}\n`;
}

/** Inside `frontend http`: track each client (X-Forwarded-For, as behind a CDN) and refuse the too eager. */
export function rateLimiter(): string {
  return `  stick-table type ip size 100k expire 60s store http_req_rate(10s),http_err_rate(10s),gpc0 peers ${PEERS_SECTION}
  http-request track-sc0 req.hdr_ip(x-forwarded-for,-1)
  http-request deny deny_status 429 if { sc_http_req_rate(0) gt 40 }
`;
}

export function podsBackend(): string {
  const pods: [string, string][] = [['SRV_1', '172.16.171.67'], ['SRV_2', '172.16.171.68'], ['SRV_3', '172.16.189.68'], ['SRV_4', '172.16.189.69'], ['SRV_5', '172.16.189.70']];
  return `backend default-app-port-1
  mode http
  balance roundrobin
  option forwardfor
${pods.map(([name, address]) => `  server ${name} ${address}:8080 weight 128`).join('\n')}
`;
}
