// Validates plain data against schema/lbtop.schema.json. The bin uses the validator compiled at build time
// (schema-precompiled.ts, filled in by scripts/bundle.mjs); tests and tsc output compile the schema on first use.
// Its own module, imported only where a config file or a flag is checked, so that a start does not load it
// before it has something to check (src/config/resolve.ts).
import type { ErrorObject, ValidateFunction } from 'ajv';
import { loadSchema, schemaAjv } from './schema.js';
import { precompiled } from './schema-precompiled.js';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= (precompiled as ValidateFunction | null) ?? schemaAjv().compile(loadSchema());
  return compiled;
}

/** Validates plain data (YAML already turned into JS) and returns Ajv's errors, empty when valid. */
export function validateAgainstSchema(data: unknown): ErrorObject[] {
  const validate = validator();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
