import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { DEFAULTS, loadSchema } from '../../src/config/schema.js';

const example = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');

describe('schema/lbtop.schema.json', () => {
  it('is a valid draft-07 JSON Schema that Ajv compiles in strict mode', () => {
    const schema = loadSchema();
    const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true });
    ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(typeof ajv.compile(schema)).toBe('function');
  });

  it('documents the same defaults the code applies', () => {
    const schema = loadSchema();
    const at = (...keys: string[]): unknown => keys.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], schema);
    expect({
      intervalSec: at('properties', 'interval', 'default'),
      readOnly: at('properties', 'read_only', 'default'),
      theme: at('properties', 'theme', 'default'),
      timeoutMs: at('definitions', 'haproxy', 'properties', 'timeout', 'default'),
    }).toEqual(DEFAULTS);
  });

  it('rejects what the schema rejects even when the document is fed as JSON (editors see the same rules)', () => {
    const ajv = new Ajv({ allErrors: true, strictRequired: false, allowUnionTypes: true });
    ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
    const validate = ajv.compile(loadSchema());
    expect(validate({ lbs: { a: { haproxy: { socket: '/a' } } } })).toBe(true);
    expect(validate({ lbs: { a: { haproxy: { socket: '/a', tcp: 'h:1' } } } })).toBe(false);
    expect(validate({ lbs: { a: { haproxy: { socket: '/a' }, ssh: { host: 'h', port: 0 } } } })).toBe(false);
    expect(validate({ lbs: { a: { haproxy: { socket: '/a' }, ssh: { host: 'h', user: 'u', port: 22, identity: '/k', jump: 'j' } } } })).toBe(true);
    expect(validate({ defaults: {} })).toBe(false);
  });

  it('knows defaults for many hosts, and an ssh LB without a socket (read from its haproxy.cfg)', () => {
    const ajv = new Ajv({ allErrors: true, strictRequired: false, allowUnionTypes: true });
    ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
    const validate = ajv.compile(loadSchema());
    expect(validate({ defaults: { ssh: { user: 'ops', jump: 'bastion', identity: '/k', port: 22, config: '/c' }, haproxy: { socket: '/a' }, sudo: true } })).toBe(true);
    expect(validate({ defaults: { ssh: { host: 'h' } } })).toBe(false);
    expect(validate({ lbs: { a: { ssh: 'lb-0' } } })).toBe(true);
    expect(validate({ lbs: { a: { ssh: 'lb-0', haproxy: { timeout: 900 } } } })).toBe(true);
  });

  it('knows the failover stack of an LB and the VIPs of a cluster', () => {
    const ajv = new Ajv({ allErrors: true, strictRequired: false, allowUnionTypes: true });
    ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
    const validate = ajv.compile(loadSchema());
    const lb = (extra: object) => ({ lbs: { a: { haproxy: { socket: '/a' }, ...extra } } });
    expect(validate(lb({ keepalived: true, heartbeat: { node: 'K8sLB01' }, bird: { socket: '/run/bird/bird.ctl' }, sudo: true }))).toBe(true);
    expect(validate(lb({ keepalived: { conf: 'relative.conf' } }))).toBe(false);
    expect(validate(lb({ bird: { sockett: '/x' } }))).toBe(false);
    expect(validate({ clusters: { c: { backends: ['b'], vips: ['10.0.0.1', 'vi_1'] } } })).toBe(true);
    expect(validate({ clusters: { c: { vips: [''] } } })).toBe(false);
  });
});

describe('examples', () => {
  for (const name of ['lbtop.yaml', 'pair.yaml']) {
    it(`${name} points editors at the schema and loads without any issue`, () => {
      const text = example(name);
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/lbtop.schema.json');
      const { config, issues } = loadConfig(text, name);
      expect(issues).toEqual([]);
      expect(config?.lbs.length).toBeGreaterThan(0);
    });
  }

  it('lbtop.yaml groups the homelab backends as the write-up does', () => {
    const { config } = loadConfig(example('lbtop.yaml'));
    const owner = (backend: string) => config!.clusters.find((c) => c.backends.some((m) => m.test(backend)))?.name;
    expect(config!.lbs.map((lb) => [lb.name, lb.haproxy.socket])).toEqual([['haproxy-vm07', '/var/run/haproxy.sock']]);
    expect(['k3s-backend', 'https_k8s01_dev_backend', 'http_k8s02_dev_backend', 'be_default'].map(owner)).toEqual([
      'k8s01',
      'k8s01-dev',
      'k8s02-dev',
      undefined,
    ]);
  });

  it('pair.yaml has two LBs and one cluster', () => {
    const { config } = loadConfig(example('pair.yaml'));
    expect(config!.lbs.map((lb) => `${lb.name} ${lb.haproxy.tcp}`)).toEqual(['lb-0 10.0.20.10:9999', 'lb-1 10.0.20.11:9999']);
    expect(config!.clusters.map((c) => c.name)).toEqual(['rancher']);
  });
});
