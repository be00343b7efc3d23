// The seeds' failover files as published: keepalived.conf (seeds 000, 002), haresources / hosts (seed
// 001), bird.conf (seed 004). Each is first judged by its real daemon (keepalived 2.2.7 `-t` in a lab namespace
// that has the post's interface names; BIRD 1.6.8 and 2.0.12 `-p`), then read by lbtop's parsers, with the
// values of the post and how the files of one seed agree with each other.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bird16 } from '../support/lab/bird16.js';
import { NetnsLab } from '../../src/lab/netns/lab.js';
import { sh } from '../../src/lab/netns/sh.js';
import { parseHaproxyConfig } from '../../src/sources/haproxy/config/parse.js';
import { haOtherResources, haResourceVips, parseHaresources } from '../../src/sources/heartbeat/haresources.js';
import { parseKeepalivedConf } from '../../src/sources/keepalived/conf.js';
import { seedText } from './seed-files.js';

const fixturePath = (file: string) => new URL(`../../fixtures/seeds/${file}`, import.meta.url).pathname;

describe('keepalived 2.2.7 and lbtop on the seeds\' keepalived.conf', () => {
  let lab: NetnsLab;
  beforeAll(() => {
    lab = NetnsLab.create({ hosts: ['lb'] });
    // Seed 000 runs VRRP on enp0s1 (a Multipass VM); the lab host has eth0 (seed 002's) and gets enp0s1 too.
    lab.exec('lb', ['ip', 'link', 'add', 'enp0s1', 'type', 'veth', 'peer', 'name', 'enp0s1-peer']);
  });
  afterAll(() => lab?.teardown());

  it.each(['000/keepalived.conf', '002/lb-0/keepalived.conf', '002/lb-1/keepalived.conf'])('keepalived -t accepts %s', (file) => {
    const r = sh([...lab.wrap('lb'), 'keepalived', '-t', '-f', fixturePath(file)], { allowFail: true });
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/WARNING|error/i);
    expect(r.code).toBe(0);
  });

  it('seed 000: one MASTER instance per VIP on the single LB, the haproxy check script defined but tracked by none', () => {
    const conf = parseKeepalivedConf(seedText('000/keepalived.conf'));
    expect(conf.instances.map((i) => [i.name, i.initialState, i.interface, i.virtualRouterId, i.priority, i.vips.map((v) => `${v.address}/${v.prefixLength}`), i.trackScripts])).toEqual([
      ['cluster01-api-vip', 'MASTER', 'enp0s1', 51, 200, ['192.168.64.200/24'], []],
      ['cluster01-ingress-vip', 'MASTER', 'enp0s1', 52, 200, ['192.168.67.17/24'], []],
    ]);
    expect(conf.scripts.map((s) => [s.name, s.command])).toEqual([['chk_haproxy', 'killall -0 haproxy']]);
    // The post's HAProxy binds the API VIP, and 192.168.64.17 (not the VIP .67.17) for ingress: a typo in the post.
    const binds = parseHaproxyConfig(seedText('000/haproxy.cfg')).proxies.flatMap((p) => p.binds.map((b) => b.address.split(':')[0]));
    expect(binds).toContain('192.168.64.200');
    expect(binds).not.toContain('192.168.67.17');
  });

  it('seed 002: the same instance on both LBs, 100 against 101, PASS auth without the password in the model', () => {
    const [lb0, lb1] = ['002/lb-0/keepalived.conf', '002/lb-1/keepalived.conf'].map((f) => parseKeepalivedConf(seedText(f)));
    const shape = (c: typeof lb0) => c!.instances.map((i) => [i.name, i.initialState, i.interface, i.virtualRouterId, i.advertInt, i.authType, i.vips.map((v) => v.address), i.trackScripts]);
    expect(shape(lb0)).toEqual([['VI_1', 'BACKUP', 'eth0', 33, 1, 'PASS', ['192.0.2.254'], [{ name: 'chk_haproxy', weight: 0 }]]]);
    expect(shape(lb1)).toEqual(shape(lb0));
    expect([lb0!.instances[0]!.priority, lb1!.instances[0]!.priority]).toEqual([100, 101]);
    expect(JSON.stringify([lb0, lb1])).not.toContain('9999');
  });
});

describe("seed 001's heartbeat files, read together", () => {
  const hosts = new Map(seedText('001/hosts').trim().split('\n').map((l) => l.split(/\s+/) as [string, string]).map(([ip, name]) => [name, ip]));

  it('haresources puts the API address (K8sAPI, where HAProxy binds) on K8sLB01, with the cloud script beside it', () => {
    const groups = parseHaresources(seedText('001/haresources'));
    expect(haResourceVips(groups)).toEqual([{ node: 'K8sLB01', address: hosts.get('K8sAPI'), prefixLength: 32, interface: 'ens10:0', line: 1 }]);
    expect(haOtherResources(groups).map((r) => `${r.node} ${r.resource.agent}`)).toEqual(['K8sLB01 HCaliasIP']);
    const binds = parseHaproxyConfig(seedText('001/haproxy.cfg')).proxies.flatMap((p) => p.binds.map((b) => b.address));
    expect(binds).toEqual([':6443', `${hosts.get('K8sAPI')}:6080`]);
  });

  it('authkeys is kept with its key redacted', () => {
    expect(seedText('001/authkeys')).toBe('auth 1\n1 md5 REDACTED\n');
  });
});

describe("seed 004's bird.conf", () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'lbtop-seed-bird-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is BIRD 1.6 syntax: 1.6.8 accepts it, 2.0.12 refuses it at the first import filter', () => {
    const conf = fixturePath('004/bird.conf');
    const old = sh([bird16().bird, '-p', '-c', conf], { allowFail: true });
    expect(`${old.stdout}${old.stderr}`).toBe('');
    expect(old.code).toBe(0);
    const v2 = sh(['bird', '-p', '-c', conf], { allowFail: true });
    expect(v2.code).toBe(1);
    expect(v2.stderr).toContain('bird.conf:8:1 syntax error, unexpected IMPORT');
  });

  it('peers with the master and both workers in AS 65000 and takes only /26 pod blocks', () => {
    const text = seedText('004/bird.conf');
    expect([...text.matchAll(/neighbor (\S+) as (\d+);/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual(['192.168.50.22 65000', '192.168.50.23 65000', '192.168.50.24 65000']);
    expect(text.match(/172\.16\.0\.0\/16\{26,26\}/g)).toHaveLength(3);
  });
});
