// The public face of src/config: everything else imports from here.
export { loadConfig, isError, type ConfigLoad } from './load.js';
export { readConfigFile, readDefaultConfig, defaultConfigPaths, type ConfigFileLoad } from './file.js';
export { formatIssues } from './format.js';
export { parseMatcher } from './matcher.js';
export { parseSocketFlags, type SocketFlag } from './sockets.js';
export { resolveConfig, type ConfigFlags, type ResolveContext, type ResolvedConfig } from './resolve.js';
export { DEFAULTS, SCHEMA_URL } from './schema.js';
