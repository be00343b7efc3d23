// The demo's HAProxy configs, modelled on the seeds: one homelab LB serving three clusters behind one IP
// (seed 000: host regex ACLs choosing the dev clusters' backends, TLS terminated with a certificate per cluster
// domain, and the post's two map examples, `hosts.map` by map_dom and `routes.map` by map_beg) and a keepalived
// pair serving a rancher k8s cluster and a k3s cluster (seed 002). Everything binds to unix sockets in the lab
// directory (@DIR@: the LB's own); the maps and certificates sit in @DIR@/maps and @DIR@/certs (demo-lab.ts).
// `node(name)` gives the socket of a lab backend server; `deadNode(name)` one that nobody listens on.

import { localPeer, peersSection, podsBackend, rateLimiter, type PairPeers } from './demo-pair-extras.js';

export interface NodeSockets {
  node(name: string): string;
  deadNode(name: string): string;
}

const GLOBAL = `global
  stats socket @SOCKET@ mode 600 level admin
  stats timeout 30s
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  default-server inter 1s fall 2 rise 2
`;

function servers(prefix: string, names: string[], sockets: NodeSockets, dead: string[] = [], extra = ''): string {
  return names
    .map((name) => {
      const path = dead.includes(name) ? sockets.deadNode(`${prefix}-${name}`) : sockets.node(`${prefix}-${name}`);
      return `  server ${name} unix@${path} check${extra}`;
    })
    .join('\n');
}

export function homelabConfig(sockets: NodeSockets): string {
  const cp = ['controlplane1', 'controlplane2', 'controlplane3'];
  const all = [...cp, 'worker1', 'worker2', 'worker3'];
  const dev = ['controlplane1', 'worker1'];
  return `${GLOBAL}
frontend k3s-api-frontend
  bind unix@@DIR@/k3s-api.sock
  mode tcp
  default_backend k3s-backend
frontend k8s_http_lb_frontend
  bind unix@@DIR@/http.sock
  acl is_k8s01_dev hdr(host) -m reg ^[a-zA-Z0-9-]+\\.k8s01-dev\\.example\\.net$
  acl is_k8s02_dev hdr(host) -m reg ^[a-zA-Z0-9-]+\\.k8s02-dev\\.example\\.net$
  use_backend http_k8s01_dev_backend if is_k8s01_dev
  use_backend http_k8s02_dev_backend if is_k8s02_dev
  default_backend k8s_http_lb_backend
frontend k8s_https_lb_frontend
  bind unix@@DIR@/https.sock ssl crt @DIR@/certs/ alpn h2,http/1.1
  acl is_k8s01_dev hdr(host) -m reg ^[a-zA-Z0-9-]+\\.k8s01-dev\\.example\\.net$
  acl is_k8s02_dev hdr(host) -m reg ^[a-zA-Z0-9-]+\\.k8s02-dev\\.example\\.net$
  use_backend https_k8s01_dev_backend if is_k8s01_dev
  use_backend https_k8s02_dev_backend if is_k8s02_dev
  default_backend k8s_https_lb_backend
backend k3s-backend
  mode tcp
  balance roundrobin
${servers('k8s01', cp, sockets, ['controlplane3'])}
backend k8s_http_lb_backend
  balance roundrobin
${servers('k8s01', all, sockets, ['worker3'])}
backend k8s_https_lb_backend
  balance roundrobin
${servers('k8s01', all, sockets, ['worker3'])}
backend http_k8s01_dev_backend
  balance roundrobin
${servers('k8s01dev', dev, sockets)}
backend https_k8s01_dev_backend
  balance roundrobin
${servers('k8s01dev', dev, sockets)}
backend http_k8s02_dev_backend
  balance roundrobin
${servers('k8s02dev', dev, sockets, ['worker1'])}
backend https_k8s02_dev_backend
  balance roundrobin
${servers('k8s02dev', dev, sockets, ['worker1'])}
${seedMapsSections(sockets)}`;
}

/**
 * Seed 000's map examples as the post writes them (`frontend default`, `frontend www`), bound to sockets, plus the
 * backends its maps name but the post never shows (https_k8s01_backend, be_default, be_api, be_auth): without them
 * every lookup would end in a 503 and :trace would have nothing real to explain.
 */
function seedMapsSections(sockets: NodeSockets): string {
  return `frontend default
  bind unix@@DIR@/default.sock
  use_backend %[req.hdr(host),lower,map_dom(@DIR@/maps/hosts.map,be_default)]
frontend www
  bind unix@@DIR@/www.sock
  use_backend %[path,map_beg(@DIR@/maps/routes.map,be_default)]
backend https_k8s01_backend
  balance roundrobin
${servers('k8s01', ['controlplane1', 'controlplane2', 'controlplane3', 'worker1', 'worker2'], sockets)}
backend be_default
  balance roundrobin
${servers('k8s01', ['worker1', 'worker2'], sockets)}
backend be_api
  balance roundrobin
${servers('k8s01', ['controlplane1', 'controlplane2'], sockets)}
backend be_auth
  balance roundrobin
${servers('k8s01', ['worker2'], sockets)}
`;
}

export function pairConfig(sockets: NodeSockets, peers?: PairPeers): string {
  const global = peers ? GLOBAL.replace('global\n', `global\n${localPeer(peers)}`) : GLOBAL;
  return `${global}
frontend http
  bind unix@@DIR@/http.sock
  option forwardfor
${peers ? rateLimiter() : ''}  acl whoami hdr(host) -i whoami.domain.tld
  acl staging hdr(host) -i test.domain.tld
  acl blog hdr(host) -i blog.domain.tld
  use_backend k8s-http-ingress if whoami
  use_backend k3s-http-ingress if staging
  use_backend k3s-http-ingress if blog
  default_backend k8s-http-ingress
backend k8s-http-ingress
  balance roundrobin
  timeout server 3600s
${servers('rancher', ['ingress1', 'ingress2', 'ingress3'], sockets, [], ' maxconn 1000 weight 10')}
backend k3s-http-ingress
  balance roundrobin
  timeout server 3600s
${servers('k3s', ['trfk-ingress1', 'trfk-ingress2'], sockets, ['trfk-ingress2'], ' maxconn 1000 weight 10')}
${peers ? `${peersSection(peers)}${podsBackend()}` : ''}`;
}

/** Host headers the demo traffic uses, spread over every cluster. */
export const DEMO_HOSTS = {
  homelab: ['web1.k8s01.example.net', 'web2.k8s01-dev.example.net', 'nginx.k8s02-dev.example.net', 'api.k8s01.example.net', 'nginx.k8s01.example.net', 'whoami.k8s01.example.net'],
  pair: ['whoami.domain.tld', 'test.domain.tld', 'blog.domain.tld', 'www.domain.tld'],
};
