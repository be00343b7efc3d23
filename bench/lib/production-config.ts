// The HAProxy config of the production-shaped benchmark (issue 13): every server health-checked at HAProxy's
// default interval, so check results and counters change between two polls as they do on a real load balancer.
// Pure function of the server count; the flapper and traffic processes (lab-load.ts) serve the sockets it names.
//
// Shape: backends of 25 servers, http and tcp alternating, as in the quiet lab (test/support/lab/generate-config.ts), but
// behind two frontends (the quiet lab has one per backend). No `inter`/`fall`/`rise`:
// HAProxy's defaults apply (inter 2s, fall 3, rise 2). Everything binds unix sockets or loopback only.

export const SERVERS_PER_BACKEND = 25;

/** Flapping servers point at one of this many sockets, each toggled on its own period by the flapper. */
export const FLAP_SOCKETS = 4;

export type Fate = 'up' | 'down' | 'maint' | 'backup' | 'flap';

export interface ProductionLayout {
  servers: number;
  backends: number;
  /** Backend numbers (1-based, as in be_0001) that carry live traffic: every tenth, starting with the first (all
   *  http, since backends alternate http/tcp from the first). */
  trafficked: number[];
  /** How many servers flap (see fateOf). */
  flapping: number;
}

export function layoutOf(servers: number): ProductionLayout {
  const backends = Math.max(1, Math.round(servers / SERVERS_PER_BACKEND));
  const trafficked = Array.from({ length: backends }, (_, k) => k + 1).filter((k) => (k - 1) % 10 === 0);
  // "A few": 2 at 100 servers, 5 at 1,000, 50 at 10,000.
  return { servers, backends, trafficked, flapping: Math.max(2, Math.round(servers / 200)) };
}

/**
 * The fate of server i (0-based over the whole config). Most are UP against a frontend that answers; 5 % DOWN
 * (refused on loopback, or a missing unix socket); 2 % MAINT (`disabled`, still with `check`); 2 % backup (UP);
 * a few flapping (every 50th from the 14th, so the first backend has one on the first screen).
 */
export function fateOf(i: number, layout: ProductionLayout): Fate {
  if (i % 50 === 13 && Math.floor(i / 50) < layout.flapping) return 'flap';
  if (i % 50 === 49) return 'maint';
  if (i % 50 === 24) return 'backup';
  if (i % 20 === 7) return 'down';
  return 'up';
}

export const serverName = (i: number) => `srv${String(i + 1).padStart(5, '0')}`;
export const backendId = (k: number) => String(k).padStart(4, '0');
/** The unix socket a flapping server i is checked against (relative to the lab dir). */
export const flapSocket = (slot: number) => `flap-${slot}.sock`;

function serverLine(i: number, mode: 'http' | 'tcp', layout: ProductionLayout): string {
  const name = serverName(i);
  // An http backend's servers answer HTTP (checks and traffic get a 200); a tcp backend's only need to accept.
  const ok = mode === 'http' ? 'unix@@DIR@/http-ok.sock' : 'unix@@DIR@/tcp-ok.sock';
  switch (fateOf(i, layout)) {
    case 'up':
      return `server ${name} ${ok} check`;
    case 'backup':
      return `server ${name} ${ok} check backup`;
    case 'maint':
      return `server ${name} ${ok} check disabled`;
    case 'down':
      // Half refused on loopback (L4CON), half a unix socket nobody binds (SOCKERR).
      return i % 40 === 7 ? `server ${name} 127.0.0.1:1 check` : `server ${name} unix@@DIR@/missing-${i}.sock check`;
    case 'flap':
      return `server ${name} unix@@DIR@/${flapSocket(Math.floor(i / 50) % FLAP_SOCKETS)} check`;
  }
}

/** haproxy.cfg for startHaproxy (`@SOCKET@`, `@DIR@` filled in there). */
export function productionConfig(servers: number): string {
  const layout = layoutOf(servers);
  const parts = [
    [
      'global',
      '  stats socket @SOCKET@ mode 600 level admin',
      '  stats timeout 30s',
      // Production configs spread checks so thousands of servers are not checked in the same millisecond.
      '  spread-checks 5',
      'defaults',
      '  mode http',
      '  timeout connect 1s',
      '  timeout client 30s',
      '  timeout server 30s',
    ].join('\n'),
  ];
  // A few frontends in front of many backends, as an ingress LB has: http routed by Host (the backend's name),
  // tcp to one backend. Then the tools' first screens reach the first backend and its servers (lbtop lists
  // frontends first), and be_0001, which carries traffic, is on both.
  parts.push(
    ['frontend fe_http', '  mode http', '  bind unix@@DIR@/fe-http.sock', '  use_backend %[req.hdr(host),lower]', '  default_backend be_0001'].join('\n'),
    ...(layout.backends > 1 ? [['frontend fe_tcp', '  mode tcp', '  bind unix@@DIR@/fe-tcp.sock', '  default_backend be_0002'].join('\n')] : []),
  );
  const byBackend: string[][] = Array.from({ length: layout.backends }, () => []);
  for (let i = 0; i < servers; i++) {
    const k = Math.floor((i * layout.backends) / servers);
    byBackend[k]!.push(serverLine(i, k % 2 === 0 ? 'http' : 'tcp', layout));
  }
  byBackend.forEach((lines, k) => {
    const mode = k % 2 === 0 ? 'http' : 'tcp';
    parts.push(
      [
        `backend be_${backendId(k + 1)}`,
        `  mode ${mode}`,
        '  balance roundrobin',
        ...(mode === 'http' ? ['  option httpchk GET /health'] : []),
        ...lines.map((s) => `  ${s}`),
      ].join('\n'),
    );
  });
  // The "servers" that answer: frontends of the same HAProxy, last so the tools' first screens show fe/be rows.
  parts.push(
    ['frontend lab_http_ok', '  mode http', '  bind unix@@DIR@/http-ok.sock', '  http-request return status 200 content-type text/plain string ok'].join('\n'),
    ['frontend lab_tcp_ok', '  mode tcp', '  bind unix@@DIR@/tcp-ok.sock'].join('\n'),
  );
  return `${parts.join('\n\n')}\n`;
}
