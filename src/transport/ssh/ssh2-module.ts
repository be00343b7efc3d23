// ssh2 is loaded on first use, not at start: it is CommonJS with many modules, and an lbtop on local sockets only
// (or `lbtop status` in a script) never needs it. createRequire keeps the load synchronous.
import { createRequire } from 'node:module';
import type * as Ssh2 from 'ssh2';

let loaded: typeof Ssh2 | undefined;

export function ssh2(): typeof Ssh2 {
  loaded ??= createRequire(import.meta.url)('ssh2') as typeof Ssh2;
  return loaded;
}
