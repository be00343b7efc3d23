// A start with flags and no config file checks the flags with a validator of their part of the schema alone
// (flagsSchema): it must refuse exactly what the whole schema refuses in those values, with the same messages for
// the operator, both compiled at run time (tests, tsc output) and as the bundle's standalone code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateFlags } from '../../src/config/flags-validate.js';
import { validatorSource } from '../../src/config/schema.js';
import { schemaIssues } from '../../src/config/schema-issues.js';
import { validateAgainstSchema } from '../../src/config/schema-validate.js';

const PACKAGE_JSON = path.resolve(import.meta.dirname, '../../package.json');

// What resolveConfig builds from -s, -i and --theme (a socket flag's path is absolute, its name derived or given).
const FLAGS: unknown[] = [
  { lbs: { admin: { haproxy: { socket: '/run/haproxy/admin.sock' } } } },
  { interval: 1, theme: 'light', lbs: { lb1: { haproxy: { socket: '/a' } }, lb2: { haproxy: { socket: '/b' } } } },
  { interval: 0.1 },
  { interval: 7200, theme: 'nope' },
  { theme: 'my-theme.yaml' },
  { lbs: { 'bad name': { haproxy: { socket: '/x' } } }, theme: 'nope' },
  { lbs: { lb1: { haproxy: { socket: 'relative.sock' } } } },
];
const strip = (errors: unknown) => JSON.parse(JSON.stringify(errors)) as unknown;
/** What the operator reads (resolve.ts turns these into flag messages). */
const messages = (errors: Parameters<typeof schemaIssues>[0], data: unknown) => schemaIssues(errors, data, () => ({ line: 0, column: 0 }));

describe('the flags validator', () => {
  it('gives the same messages as the whole schema for what flags can set', () => {
    for (const flags of FLAGS) expect(messages(validateFlags(flags), flags)).toEqual(messages(validateAgainstSchema(flags), flags));
    expect(validateFlags(FLAGS[1])).toEqual([]);
    expect(messages(validateFlags(FLAGS[5]), FLAGS[5])).toHaveLength(2);
  });

  it('compiles to standalone code that agrees', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-flags-'));
    try {
      const file = path.join(dir, 'flags.mjs');
      const prelude = `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(PACKAGE_JSON)});\n`;
      writeFileSync(file, prelude + validatorSource('flags'));
      const { validate } = (await import(pathToFileURL(file).href)) as { validate: ((d: unknown) => boolean) & { errors?: unknown } };
      for (const flags of FLAGS) {
        const ok = validate(flags);
        expect(strip(ok ? [] : validate.errors)).toEqual(strip(validateFlags(flags)));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
