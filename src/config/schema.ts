// The JSON Schema in schema/lbtop.schema.json is the one source of truth for the shape of lbtop.yaml: editors
// read it through the `# yaml-language-server: $schema=` line, lbtop validates with it through Ajv. Nothing here
// restates a rule from the schema; semantic.ts only adds what a schema cannot say (regexes compile, ports fit,
// names claimed twice).
//
// Ajv itself is required here only when a validator is compiled: by scripts/bundle.mjs (the bin carries the
// validator precompiled, src/config/schema-validate.ts) and by tests running the sources. Required rather than
// imported, so that neither the bundle nor a start of lbtop loads it; DEFAULTS and SCHEMA_URL stay cheap to import.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { packagePath } from '../package-root.js';
import type { Ajv } from 'ajv';
import type standaloneModule from 'ajv/dist/standalone/index.js';

/**
 * Resolves to <package>/schema from both src/config (tests, tsc) and dist/config (the built bin), and the
 * package ships schema/ ("files" in package.json).
 */
export const SCHEMA_URL = pathToFileURL(packagePath('schema', 'lbtop.schema.json'));

/** The values the schema documents as `default`; a test keeps the two in step. */
export const DEFAULTS = { intervalSec: 2, readOnly: false, theme: 'dark', timeoutMs: 5000 } as const;

const require = createRequire(import.meta.url);

/** The parsed schema file, for tests and for code that reads its annotations. */
export function loadSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}

/** Ajv as lbtop validates with it; `code` options are for the bundle's precompiled validator. */
export function schemaAjv(code?: { source: boolean; esm: boolean }): Ajv {
  const ajv: Ajv = new (require('ajv') as typeof import('ajv')).Ajv({
      // Every unknown key at once, not one per run: the operator fixes the file in one pass.
      allErrors: true,
      // parentSchema on each error, to read its errorMessage annotation.
      verbose: true,
      strict: true,
      // `oneOf: [{required: [socket]}, {required: [tcp]}]` names properties declared in the parent schema.
      strictRequired: false,
      // ssh is a string (ssh_config alias) or an object.
      allowUnionTypes: true,
      ...(code ? { code } : {}),
    });
  // Annotation only (as in VS Code's JSON support): the human message for that schema's failures.
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  return ajv;
}

/**
 * The part of the schema the command-line flags fill (`-i`, `--theme`, `-s NAME=PATH`), cut from the schema file
 * itself, not restated: with no config file a start checks its flags with this small validator and never loads
 * the whole one (src/config/resolve.ts). An LB from `-s` has only its socket, so only that rule of an LB applies.
 */
export function flagsSchema(schema: Record<string, unknown> = loadSchema()): Record<string, unknown> {
  const s = schema as { $schema: string; properties: Record<string, Record<string, unknown>>; definitions: Record<string, { properties?: Record<string, unknown> }> };
  const haproxy = { type: 'object', properties: { socket: s.definitions.haproxy!.properties!.socket } };
  const cut: Record<string, unknown> = {
    interval: s.properties.interval,
    theme: s.properties.theme,
    lbs: { ...s.properties.lbs, additionalProperties: { type: 'object', properties: { haproxy } } },
  };
  // In the schema's order, so that errors come in the same order as the whole validator's.
  const properties = Object.fromEntries(Object.keys(s.properties).filter((key) => key in cut).map((key) => [key, cut[key]]));
  return { $schema: s.$schema, type: 'object', properties, definitions: { name: s.definitions.name } };
}

/**
 * A validator as JavaScript source (Ajv standalone, ES module exporting `validate`), of the whole schema or of
 * flagsSchema(): scripts/bundle.mjs puts both in the bundle, so the bin does not compile a schema at every start
 * (a quarter of a second).
 */
export function validatorSource(part: 'all' | 'flags' = 'all'): string {
  const ajv = schemaAjv({ source: true, esm: true });
  // A CommonJS module whose module.exports is the function.
  const standaloneCode = require('ajv/dist/standalone/index.js') as typeof standaloneModule.default;
  return standaloneCode(ajv, ajv.compile(part === 'flags' ? flagsSchema() : loadSchema()));
}
