// The bundle validates lbtop.yaml with Ajv's standalone code (scripts/bundle.mjs) instead of compiling the schema
// at start: it must accept and refuse exactly what the runtime-compiled validator does, with the same errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSchema, schemaAjv, validatorSource } from '../../src/config/schema.js';

const PACKAGE_JSON = path.resolve(import.meta.dirname, '../../package.json');

const CONFIGS: unknown[] = [
  { lbs: { lb1: { haproxy: { socket: '/run/haproxy/admin.sock' } } } },
  // HAProxy on the host under haproxy:, and under its deprecated name routing:.
  { lbs: { lb1: { haproxy: { socket: '/a', config: '/etc/haproxy/haproxy.cfg', master: '/m', after_write: 'reload' } } } },
  { lbs: { lb1: { haproxy: { socket: '/a' }, routing: { config: '/etc/haproxy/haproxy.cfg', reload_via: 'systemctl' } } } },
  { lbs: { lb1: { haproxy: { socket: '/a', tcp: '127.0.0.1:1' } } } },
  { interval: 0.1, lbs: { lb1: { haproxy: {} } } },
  { lbs: { lb1: { haproxy: { socket: '/a' }, unknown_key: 1 } }, clusters: { k8s01: { backends: 'not-a-list' } } },
  { theme: 42, read_only: 'yes' },
  'not an object',
];

describe('the precompiled schema validator', () => {
  it('gives the same verdict and errors as the runtime-compiled one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-schema-'));
    try {
      const file = path.join(dir, 'validator.mjs');
      // The standalone code require()s Ajv's runtime helpers, as the bundle's banner allows.
      const prelude = `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(PACKAGE_JSON)});\n`;
      writeFileSync(file, prelude + validatorSource());
      const { validate: precompiled } = (await import(pathToFileURL(file).href)) as { validate: (d: unknown) => boolean & { errors?: unknown } };
      const compiled = schemaAjv().compile(loadSchema());
      for (const config of CONFIGS) {
        const verdict = compiled(config);
        expect(precompiled(config)).toBe(verdict);
        const strip = (errors: unknown) => JSON.parse(JSON.stringify(errors ?? null)) as unknown;
        expect(strip((precompiled as unknown as { errors: unknown }).errors)).toEqual(strip(compiled.errors));
      }
      expect(compiled(CONFIGS[0])).toBe(true);
      expect(compiled(CONFIGS[1])).toBe(true);
      expect(compiled(CONFIGS[2])).toBe(true);
      expect(compiled(CONFIGS[5])).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
