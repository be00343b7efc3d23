// `show servers state [backend]` → Map keyed "backend/server". The reply is a format version line ("1"), a
// "# be_id be_name ..." header and one space-separated row per server. Columns are found by the header: 1.6/1.7
// stop at srv_f_forced_id, 1.8 adds srv_fqdn srv_port, 2.0 srvrecord, 2.2+ the check/agent address columns.
import { ParseError } from '../../model/errors.js';
import type { ServerState } from '../../model/haproxy.js';
import { checkReadable, parseInteger, replyLines, requireInteger } from './parse-info.js';

/** ServerState number fields and their columns; every HAProxy that has the command prints these. */
const NUMBERS = {
  backendId: 'be_id',
  serverId: 'srv_id',
  opState: 'srv_op_state',
  adminState: 'srv_admin_state',
  userWeight: 'srv_uweight',
  initialWeight: 'srv_iweight',
  secondsSinceChange: 'srv_time_since_last_change',
  checkStatus: 'srv_check_status',
  checkResult: 'srv_check_result',
  checkHealth: 'srv_check_health',
  checkState: 'srv_check_state',
  agentState: 'srv_agent_state',
} as const satisfies Partial<Record<keyof ServerState, string>>;

const REQUIRED = ['be_name', 'srv_name', 'srv_addr', ...Object.values(NUMBERS)];

export function parseServersState(text: string): Map<string, ServerState> {
  const lines = replyLines(text);
  // The version line: only "1" exists so far; a later version is still read by its header names.
  if (lines[0] === undefined || !/^\d+$/.test(lines[0])) {
    throw new ParseError('expected the format version line ("1")', 1);
  }
  const header = lines[1];
  if (header === undefined || !header.startsWith('# ')) throw new ParseError('missing "# be_id be_name ..." header', 2);
  checkReadable(header, 2, 'header');
  const names = header.slice(2).split(' ');
  for (const name of REQUIRED) {
    if (!names.includes(name)) throw new ParseError(`header has no "${name}" column`, 2);
  }
  const at = (name: string) => names.indexOf(name);
  const [backendAt, serverAt, addrAt, portAt, fqdnAt] = ['be_name', 'srv_name', 'srv_addr', 'srv_port', 'srv_fqdn'].map(at) as [number, number, number, number, number];
  const N = Object.fromEntries(Object.entries(NUMBERS).map(([key, column]) => [key, at(column)])) as Record<keyof typeof NUMBERS, number>;

  const servers = new Map<string, ServerState>();
  for (let i = 2; i < lines.length; i++) {
    const line = i + 1;
    const f = lines[i]!.split(' ');
    if (f.length !== names.length) throw new ParseError(`row has ${f.length} fields, the header has ${names.length}`, line);
    const int = (key: keyof typeof NUMBERS) => requireInteger(f[N[key]], line, NUMBERS[key]);
    const state: ServerState = {
      backendId: int('backendId'),
      backend: checkReadable(f[backendAt]!, line, 'be_name'),
      serverId: int('serverId'),
      server: checkReadable(f[serverAt]!, line, 'srv_name'),
      // "-" is HAProxy's empty value (no address for a unix-socket server, no fqdn).
      address: dash(checkReadable(f[addrAt]!, line, 'srv_addr')),
      opState: int('opState'),
      adminState: int('adminState'),
      userWeight: int('userWeight'),
      initialWeight: int('initialWeight'),
      secondsSinceChange: int('secondsSinceChange'),
      checkStatus: int('checkStatus'),
      checkResult: int('checkResult'),
      checkHealth: int('checkHealth'),
      checkState: int('checkState'),
      agentState: int('agentState'),
      port: portAt === -1 ? null : parseInteger(f[portAt], line, 'srv_port'),
      fqdn: fqdnAt === -1 ? '' : dash(checkReadable(f[fqdnAt]!, line, 'srv_fqdn')),
    };
    if (state.backend === '' || state.server === '') throw new ParseError('empty be_name or srv_name', line);
    servers.set(`${state.backend}/${state.server}`, state);
  }
  return servers;
}

function dash(value: string): string {
  return value === '-' ? '' : value;
}
