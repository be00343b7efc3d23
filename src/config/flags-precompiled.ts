// The flags' validator compiled ahead of time (see flagsSchema in schema.ts). Null here (tests and tsc output
// compile it at first use); scripts/bundle.mjs replaces this module in the bundle with Ajv's standalone code.
export const precompiledFlags: unknown = null;
