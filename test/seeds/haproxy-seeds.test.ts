// Every seed's haproxy.cfg as published (fixtures/seeds/), judged by the real HAProxy 2.6 (`haproxy -c`) and read
// by lbtop's parser: the proxies, binds, routing and servers of each post, with the values the post shows.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configuredServers } from '../../src/actions/drift.js';
import { ParseError } from '../../src/model/errors.js';
import type { HaproxyConfig, ProxySection } from '../../src/model/haproxy-config.js';
import { parseCheckOutput } from '../../src/sources/haproxy/check-output.js';
import { parseHaproxyConfig } from '../../src/sources/haproxy/config/parse.js';
import { entriesOf, parsePatternFile } from '../../src/sources/haproxy/maps/map-file.js';
import { haproxyCheck, placeSeedConfig, seedText } from './seed-files.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'lbtop-seeds-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const dirFor = (name: string) => path.join(scratch, name);

const proxy = (config: HaproxyConfig, name: string): ProxySection => {
  const found = config.proxies.find((p) => p.name === name);
  if (!found) throw new Error(`no proxy ${name}`);
  return found;
};
const servers = (config: HaproxyConfig, name: string) => proxy(config, name).servers.map((s) => `${s.name} ${s.address}`);

describe('HAProxy (2.6, or 3.0 in the second run) on the seeds as published', () => {
  it('refuses seed 000 for its three `mode tcp` backends behind the http frontend, and nothing else', () => {
    const { code, output } = haproxyCheck(placeSeedConfig('000', dirFor('000')));
    expect(code).toBe(1);
    expect(parseCheckOutput(output).alerts.map((a) => a.replace(/\(\/[^)]*:(\d+)\)/g, '(:$1)'))).toEqual([
      "config : http frontend 'k8s_http_lb_frontend' (:47) tries to use incompatible tcp backend 'k8s_http_lb_backend' (:95) as its default backend (see 'mode').",
      "config : http frontend 'k8s_http_lb_frontend' (:47) tries to use incompatible tcp backend 'http_k8s01_dev_backend' (:69) in a 'use_backend' rule (see 'mode').",
      "config : http frontend 'k8s_http_lb_frontend' (:47) tries to use incompatible tcp backend 'http_k8s02_dev_backend' (:82) in a 'use_backend' rule (see 'mode').",
    ]);
    // req.ssl_sni in an http frontend: accepted, and ignored (the ACL lines 66 and 67 of the https frontend).
    expect(parseCheckOutput(output).warnings).toHaveLength(2);
  });

  it.each(['001', '002', '003'])('accepts seed %s', (seed) => {
    const { code, output } = haproxyCheck(placeSeedConfig(seed, dirFor(seed)));
    // 2.6 says "Configuration file is valid"; 3.0 says nothing unless asked (-V): the exit status and no ALERT tell.
    expect(output).not.toMatch(/\[ALERT\]/);
    expect(code).toBe(0);
  });

  it("accepts seed 004's generated backend, as shown and with placeholder slots, behind a minimal head", () => {
    const dir = dirFor('004');
    const head = placeSeedConfig('004', dir, 'lab-head.cfg');
    for (const file of ['default-app-port-1.cfg', 'default-app-port-1-scaled.cfg']) {
      const { code, output } = haproxyCheck(head, placeSeedConfig('004', dir, file));
      expect(output, file).not.toMatch(/\[ALERT\]/);
      expect(code).toBe(0);
    }
  });

  it("refuses seed 003 as the page renders it (no-break spaces), and so does lbtop's parser, with the line", () => {
    const dir = dirFor('003-nbsp');
    const file = placeSeedConfig('003', dir, 'haproxy-as-rendered.cfg');
    const { code, output } = haproxyCheck(file);
    expect(code).toBe(1);
    expect(output).toMatch(/parsing \[.*:2\] : unknown keyword '\u00a0\u00a0\u00a0' in 'global' section/);
    let error: unknown;
    try {
      parseHaproxyConfig(seedText('003/haproxy-as-rendered.cfg'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ line: 2, message: expect.stringContaining('no-break space (U+00A0)') });
  });
});

describe("lbtop's parser on each seed's haproxy.cfg", () => {
  it('seed 000: one name, one machine per cluster (worker1 is three machines), and the maps as written', () => {
    const config = parseHaproxyConfig(seedText('000/haproxy.cfg'));
    const addressesOf = (name: string) => [...new Set(config.proxies.flatMap((p) => p.servers).filter((s) => s.name === name).map((s) => s.address.split(':')[0]))];
    expect(addressesOf('worker1')).toEqual(['192.168.64.101', '192.168.64.111', '192.168.64.94']);
    expect(addressesOf('controlplane1')).toEqual(['192.168.64.91', '192.168.64.100', '192.168.64.110']);
    expect(config.proxies.filter((p) => p.kind === 'backend').map((p) => `${p.name} ${p.effectiveMode} ${p.servers.length}`)).toEqual([
      'k3s-backend tcp 3', 'http_k8s01_dev_backend tcp 2', 'https_k8s01_dev_backend http 2', 'http_k8s02_dev_backend tcp 2',
      'https_k8s02_dev_backend http 2', 'k8s_http_lb_backend tcp 6', 'k8s_https_lb_backend http 6',
    ]);
    const hosts = entriesOf(parsePatternFile(seedText('000/maps/hosts.map'), 'map'));
    expect(hosts.map((e) => `${e.key} ${e.value}`)).toEqual([
      'nginx.k8s02-dev.example.net https_k8s02_dev_backend', 'nginx2.k8s02-dev.example.net https_k8s02_dev_backend',
      'nginx.k8s01-dev.example.net https_k8s01_dev_backend', 'ngin2.k8s01-dev.example.net https_k8s01_dev_backend',
      'nginx.k8s01.example.net https_k8s01_backend', 'api.k8s01.example.net https_k8s01_backend',
    ]);
    expect(entriesOf(parsePatternFile(seedText('000/maps/routes.map'), 'map')).map((e) => `${e.key} ${e.value}`)).toEqual(['/api be_api', '/login be_auth']);
  });

  it('seed 001: the secure API port on every address, the insecure one on the alias IP, three control planes each', () => {
    const config = parseHaproxyConfig(seedText('001/haproxy.cfg'));
    expect(config.global?.statsSockets.map((s) => [s.socket, s.level])).toEqual([['/run/haproxy/admin.sock', 'admin']]);
    expect(config.proxies.filter((p) => p.kind === 'frontend').map((p) => [p.name, p.effectiveMode, p.binds[0]!.address, p.defaultBackend!.name])).toEqual([
      ['kubernetesSECURE', 'tcp', ':6443', 'kubernetes-master-nodesSECURE'],
      ['kubernetes', 'tcp', '10.143.0.50:6080', 'kubernetes-master-nodes'],
    ]);
    expect(servers(config, 'kubernetes-master-nodes')).toEqual(['k8scontrol01 10.143.0.2:6080', 'k8scontrol02 10.143.0.3:6080', 'k8scontrol03 10.143.0.4:6080']);
    expect(servers(config, 'kubernetes-master-nodesSECURE')).toEqual(['k8scontrol01 10.143.0.2:6443', 'k8scontrol02 10.143.0.3:6443', 'k8scontrol03 10.143.0.4:6443']);
    expect(proxy(config, 'kubernetes-master-nodes').servers[0]).toMatchObject({ line: 55, check: true, options: expect.arrayContaining(['fall', '3', 'rise', '2']) });
  });

  it('seed 002: weights 10 and send-proxy on the ingress servers, in the documentation network', () => {
    const config = parseHaproxyConfig(seedText('002/haproxy.cfg'));
    expect(['k8s-http-ingress', 'k8s-https-ingress', 'k3s-http-ingress', 'k3s-https-ingress'].map((b) => proxy(config, b).servers.map((s) => [s.name, s.address, s.weight]))).toEqual([
      [['ingress1', '192.0.2.5:80', 10]], [['ingress1', '192.0.2.5:443', 10]], [['trfk-ingress', '192.0.2.240:80', 10]], [['trfk-ingress', '192.0.2.240:443', 10]],
    ]);
    expect(proxy(config, 'k3s-http-ingress').servers[0]!.options).toContain('send-proxy-v2');
  });

  it('seed 003: the per-node API balancer on 127.0.0.1:5443, tcp from defaults', () => {
    const config = parseHaproxyConfig(seedText('003/haproxy.cfg'));
    expect(config.global?.statsSockets.map((s) => [s.line, s.socket, s.level])).toEqual([[5, '/run/haproxy/admin.sock', 'admin']]);
    const front = proxy(config, 'api-front');
    expect([front.effectiveMode, front.binds[0]!.address, front.useBackend.map((u) => [u.target, u.condition])]).toEqual(['tcp', '127.0.0.1:5443', [['api-backend', null]]]);
    expect(servers(config, 'api-backend')).toEqual(['master1 10.0.42.1:6443', 'master2 10.0.42.2:6443', 'master3 10.0.42.3:6443']);
  });

  it("seed 004: the controller's SRV_n slots, pods at weight 128, parked slots in maintenance from the config", () => {
    const shown = parseHaproxyConfig(seedText('004/default-app-port-1.cfg'));
    expect(proxy(shown, 'default-app-port-1').servers.map((s) => `${s.name} ${s.address} ${s.weight} ${s.disabled}`)).toEqual([
      'SRV_1 172.16.171.67:8080 128 false', 'SRV_2 172.16.171.68:8080 128 false', 'SRV_3 172.16.189.68:8080 128 false',
      'SRV_4 172.16.189.69:8080 128 false', 'SRV_5 172.16.189.70:8080 128 false',
    ]);
    const scaled = configuredServers(parseHaproxyConfig(seedText('004/default-app-port-1-scaled.cfg')));
    expect([...scaled].map(([k, v]) => `${k} ${v.admin}`)).toEqual([
      'default-app-port-1/SRV_1 ready', 'default-app-port-1/SRV_2 ready', 'default-app-port-1/SRV_3 maint',
      'default-app-port-1/SRV_4 ready', 'default-app-port-1/SRV_5 maint',
    ]);
  });
});
