// The schema validator compiled ahead of time. Null here (tests and tsc output compile the schema at first use);
// scripts/bundle.mjs replaces this module in the bundle with Ajv's standalone code for schema/lbtop.schema.json.
export const precompiled: unknown = null;
