// The JSON Schema in schema/lbtop.schema.json is the one source of truth for the shape of lbtop.yaml: editors
// read it through the `# yaml-language-server: $schema=` line, lbtop validates with it through Ajv. Nothing here
// restates a rule from the schema; semantic.ts only adds what a schema cannot say (regexes compile, ports fit,
// names claimed twice).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { packagePath } from '../package-root.js';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { precompiled } from './schema-precompiled.js';

/**
 * Resolves to <package>/schema from both src/config (tests, tsc) and dist/config (the built bin), and the
 * package ships schema/ ("files" in package.json).
 */
export const SCHEMA_URL = pathToFileURL(packagePath('schema', 'lbtop.schema.json'));

/** The values the schema documents as `default`; a test keeps the two in step. */
export const DEFAULTS = { intervalSec: 2, readOnly: false, theme: 'dark', timeoutMs: 5000 } as const;

// A CommonJS module whose module.exports is the function (Node, Vite and esbuild all hand that over as default).
const standaloneCode = standaloneModule as unknown as typeof standaloneModule.default;

let compiled: ValidateFunction | undefined;

/** The parsed schema file, for tests and for code that reads its annotations. */
export function loadSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}

/** Ajv as lbtop validates with it; `code` options are for the bundle's precompiled validator. */
export function schemaAjv(code?: { source: boolean; esm: boolean }): Ajv {
  const ajv = new Ajv({
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
  return standaloneCode(ajv, ajv.compile(loadSchema()));
}

function validator(): ValidateFunction {
  compiled ??= (precompiled as ValidateFunction | null) ?? schemaAjv().compile(loadSchema());
  return compiled;
}

/** Validates plain data (YAML already turned into JS) and returns Ajv's errors, empty when valid. */
export function validateAgainstSchema(data: unknown): ErrorObject[] {
  const validate = validator();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
