// What the map editor needs per LB (and drift, the trace and certs, which read the same), passed in by the composition root (cli.ts, tests): the runtime API, the
// master CLI, file access and a command runner on the LB's host (local or over SSH), and the per-LB
// after-write policy. Only types here: the actions never open a socket or spawn a process themselves.
import type { ServerState } from '../../model/haproxy.js';
import type { RuntimeApi } from '../../sources/haproxy/client.js';
import type { CommandRunner } from '../../transport/exec.js';
import type { HostFiles } from '../../transport/host-files.js';
import type { AuditLog } from '../audit-log.js';
import type { AfterWrite } from './types.js';

export interface MapsDeps {
  lbs: readonly string[];
  clients: ReadonlyMap<string, RuntimeApi>;
  audit: AuditLog;
  files(lb: string): HostFiles | null;
  runner(lb: string): CommandRunner | null;
  master(lb: string): RuntimeApi | null;
  after(lb: string): AfterWrite;
  /**
   * The TUI poller's current `show servers state` of an LB (null when it has none, or the LB is stale): the
   * background drift check compares with it instead of asking HAProxy for all of it again (~50 ms at 10,000
   * servers). Explicit checks and the check after a write always ask.
   */
  polledServerStates?(lb: string): ReadonlyMap<string, ServerState> | null;
}

export const NO_AFTER_WRITE: AfterWrite = { mode: 'none', configPath: null, bin: null, via: 'master', service: 'haproxy' };
