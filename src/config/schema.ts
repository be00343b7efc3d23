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
 * The validator as JavaScript source (Ajv standalone, ES module exporting `validate`): scripts/bundle.mjs puts it
 * in the bundle, so the bin does not compile the schema at every start (a quarter of a second).
 */
export function validatorSource(): string {
  const ajv = schemaAjv({ source: true, esm: true });
  // A CommonJS module whose module.exports is the function.
  const standaloneCode = require('ajv/dist/standalone/index.js') as typeof standaloneModule.default;
  return standaloneCode(ajv, ajv.compile(loadSchema()));
}
