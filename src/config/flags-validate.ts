// Validates what the command-line flags set (flagsSchema in schema.ts) with a validator of that part of the schema
// alone: a start with `-s`/`-i` and no config file checks its flags without loading the whole validator.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { precompiledFlags } from './flags-precompiled.js';
import { flagsSchema, schemaAjv } from './schema.js';

let compiled: ValidateFunction | undefined;

/** Ajv's errors for the flags' values (as a partial config), empty when valid. */
export function validateFlags(partial: unknown): ErrorObject[] {
  compiled ??= (precompiledFlags as ValidateFunction | null) ?? schemaAjv().compile(flagsSchema());
  return compiled(partial) ? [] : [...(compiled.errors ?? [])];
}
