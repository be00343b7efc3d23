// haproxy.cfg text for the lab: fixtures recording, the benchmark and the demo. Pure functions, no I/O.
//
// Everything binds unix sockets under @DIR@ (replaced by startHaproxy), never TCP ports, so any number of
// instances can run side by side without colliding. The state mix is deterministic: a server's fate depends
// only on its index, so a recording of N servers always has the same count of MAINT, DOWN, UP and no-check rows.

export interface GeneratedOptions {
  /** Total servers, spread as evenly as possible over the backends. */
  servers: number;
  backends: number;
  /** Health checks at all; false gives only "no check" and MAINT servers (no check traffic, for benchmarks). */
  checks?: boolean;
  /** A 127.0.0.1 port nothing listens on; checks against it fail with L4CON. */
  deadPort?: number;
  /** Check interval in ms. With `fall 1 rise 1` every server settles after its first check. */
  checkInterMs?: number;
  /** Also open `@DIR@/user.sock` at level user. */
  userSocket?: boolean;
}

/**
 * The fate of server number i (0-based, over the whole config), in a cycle of ten:
 * 0 disabled (MAINT), 1-2 checked against a dead port (DOWN, L4CON), 3 checked against a missing unix socket
 * (DOWN, SOCKERR), 4-6 checked against a frontend socket that accepts (UP, L4OK), 7 backup without check,
 * 8-9 no check. Without checks, slots 1-6 become "no check" servers.
 */
export function serverLine(i: number, options: GeneratedOptions): string {
  const name = `srv${String(i + 1).padStart(5, '0')}`;
  const dead = `127.0.0.1:${options.deadPort ?? 1}`;
  // Not a frontend that routes to this backend: a client connecting to it would loop through itself.
  const live = CHECK_TARGET;
  const slot = i % 10;
  const checks = options.checks ?? true;
  if (slot === 0) return `server ${name} 127.0.0.1:${10000 + (i % 50000)} disabled`;
  if (slot === 7) return `server ${name} 127.0.0.1:${10000 + (i % 50000)} backup`;
  if (slot >= 8 || !checks) return `server ${name} 127.0.0.1:${10000 + (i % 50000)}`;
  if (slot <= 2) return `server ${name} ${dead} check`;
  if (slot === 3) return `server ${name} unix@@DIR@/missing-${i}.sock check`;
  return `server ${name} ${live} check`;
}

/** A server address whose connect-only check always passes (see checkTargetSection). */
export const LAB_CHECK_TARGET = 'unix@@DIR@/check-target.sock';
const CHECK_TARGET = LAB_CHECK_TARGET;

/** A frontend with no backend: it accepts (so a connect-only check passes) and then closes. */
export function checkTargetSection(): string {
  return ['frontend lab_check_target', '  mode tcp', `  bind ${CHECK_TARGET}`].join('\n');
}

function backendOf(i: number, options: GeneratedOptions): number {
  return Math.floor((i * options.backends) / options.servers);
}

export function globalSection(options: { userSocket?: boolean; checkInterMs?: number; mode?: 'http' | 'tcp' }): string {
  const lines = [
    'global',
    '  stats socket @SOCKET@ mode 600 level admin',
    ...(options.userSocket ? ['  stats socket @DIR@/user.sock mode 600 level user'] : []),
    '  stats timeout 30s',
    // Spread the first checks so 10,000 servers do not all connect in the same millisecond.
    '  spread-checks 5',
    'defaults',
    `  mode ${options.mode ?? 'http'}`,
    '  timeout connect 1s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  timeout check 1s',
    `  default-server inter ${options.checkInterMs ?? 1000} fall 1 rise 1`,
  ];
  return lines.join('\n');
}

/** N servers over B backends; backend k is served by frontend k (fe-NNNN.sock), tcp and http alternating. */
export function generateConfig(options: GeneratedOptions): string {
  if (options.servers < 0 || options.backends < 1) throw new RangeError('need servers >= 0 and backends >= 1');
  const parts = [globalSection(options), checkTargetSection()];
  const byBackend: string[][] = Array.from({ length: options.backends }, () => []);
  for (let i = 0; i < options.servers; i++) byBackend[backendOf(i, options)]!.push(serverLine(i, options));
  byBackend.forEach((servers, k) => {
    const id = String(k + 1).padStart(4, '0');
    const mode = k % 2 === 0 ? 'http' : 'tcp';
    parts.push(
      [`frontend fe_${id}`, `  mode ${mode}`, `  bind unix@@DIR@/fe-${id}.sock`, `  default_backend be_${id}`].join('\n'),
      [`backend be_${id}`, `  mode ${mode}`, '  balance roundrobin', ...servers.map((s) => `  ${s}`)].join('\n'),
    );
  });
  return `${parts.join('\n\n')}\n`;
}

// ---- Configs shaped like the seeds (/work/shared/seeds): the same proxy and server names, so fixtures and the
// demo look like what operators run. TLS is left out (no certificates in the lab) and binds are unix sockets.

export interface SeedOptions {
  /** Where a server points: "127.0.0.1:6443", "unix@@DIR@/api-1.sock". Loopback only. */
  address(backend: string, server: string): string;
  /** "backend/server" written with `disabled`, the seeds' way of putting a node in maintenance. */
  disabled?: string[];
  checkInterMs?: number;
  userSocket?: boolean;
  /** Add the lab_check_target frontend, so `address()` may return LAB_CHECK_TARGET for a server that is UP. */
  checkTarget?: boolean;
}

interface SeedBackend {
  name: string;
  mode: 'tcp' | 'http';
  servers: string[];
}

function seedBackend(b: SeedBackend, options: SeedOptions): string {
  const disabled = new Set(options.disabled ?? []);
  return [
    `backend ${b.name}`,
    `  mode ${b.mode}`,
    ...(b.mode === 'tcp' ? ['  option tcp-check'] : []),
    '  balance roundrobin',
    ...b.servers.map((s) => {
      const flag = disabled.has(`${b.name}/${s}`) ? ' disabled' : '';
      return `  server ${s} ${options.address(b.name, s)} check${flag}`;
    }),
  ].join('\n');
}

const CP = ['controlplane1', 'controlplane2', 'controlplane3'];
const CP_WORKERS = [...CP, 'worker1', 'worker2', 'worker3'];
const DEV = ['controlplane1', 'worker1'];

/**
 * Seed 000 (homelab, several clusters behind one IP): an API frontend, HTTP and HTTPS ingress frontends that
 * route *.k8s01-dev / *.k8s02-dev hosts to the dev clusters' backends. The seed's http backends are `mode tcp`
 * behind `mode http` frontends, which HAProxy refuses; here each backend has its frontend's mode.
 */
export function seed000Config(options: SeedOptions): string {
  const backends: SeedBackend[] = [
    { name: 'k3s-backend', mode: 'tcp', servers: CP },
    { name: 'k8s_http_lb_backend', mode: 'http', servers: CP_WORKERS },
    { name: 'k8s_https_lb_backend', mode: 'http', servers: CP_WORKERS },
    { name: 'http_k8s01_dev_backend', mode: 'http', servers: DEV },
    { name: 'https_k8s01_dev_backend', mode: 'http', servers: DEV },
    { name: 'http_k8s02_dev_backend', mode: 'http', servers: DEV },
    { name: 'https_k8s02_dev_backend', mode: 'http', servers: DEV },
  ];
  const ingress = (name: string, scheme: 'http' | 'https') =>
    [
      `frontend ${name}`,
      '  mode http',
      `  bind unix@@DIR@/${name}.sock`,
      '  acl is_k8s01_dev hdr(host) -m reg ^[a-zA-Z0-9-]+\\.k8s01-dev\\.example\\.net$',
      '  acl is_k8s02_dev hdr(host) -m reg ^[a-zA-Z0-9-]+\\.k8s02-dev\\.example\\.net$',
      `  use_backend ${scheme}_k8s01_dev_backend if is_k8s01_dev`,
      `  use_backend ${scheme}_k8s02_dev_backend if is_k8s02_dev`,
      `  default_backend k8s_${scheme}_lb_backend`,
    ].join('\n');
  return [
    globalSection(options),
    ...(options.checkTarget ? [checkTargetSection()] : []),
    ['frontend k3s-api-frontend', '  mode tcp', '  bind unix@@DIR@/k3s-api-frontend.sock', '  default_backend k3s-backend'].join('\n'),
    ingress('k8s_http_lb_frontend', 'http'),
    ingress('k8s_https_lb_frontend', 'https'),
    ...backends.map((b) => seedBackend(b, options)),
  ].join('\n\n') + '\n';
}

/** Seed 003 (an HAProxy on every node in front of the three API servers): api-front → api-backend. */
export function seed003Config(options: SeedOptions): string {
  return [
    globalSection({ ...options, mode: 'tcp' }),
    ...(options.checkTarget ? [checkTargetSection()] : []),
    ['frontend api-front', '  mode tcp', '  bind unix@@DIR@/api-front.sock', '  use_backend api-backend'].join('\n'),
    seedBackend({ name: 'api-backend', mode: 'tcp', servers: ['master1', 'master2', 'master3'] }, options),
  ].join('\n\n') + '\n';
}
