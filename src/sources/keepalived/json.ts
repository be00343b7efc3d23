// keepalived's JSON dump (`kill -s $(keepalived --signum=JSON) PID` → /tmp/keepalived.json), for builds with
// --enable-json (Debian's has it). Two layouts: a bare list of instances (JSON version 1, keepalived 2.2.7, the
// recorded fixtures) and {"vrrp": [...]} (json_version 2 in global_defs, newer releases; written from
// keepalived's vrrp_json.c, not recorded). It lacks what the data dump has: track script names, weights and
// status, track files, the current master's address, unicast peers. `auth_data` holds the VRRP password in clear
// and is never read.
import { ParseError } from '../../model/errors.js';
import type { KeepalivedRuntime, VrrpInstance, VrrpState } from '../../model/failover.js';
import { isObject, JsonFields, linesOf, parseJsonText } from '../netlink/json-text.js';
import { parseDumpedVirtualIp } from './virtual-ip.js';

const WHAT = 'keepalived JSON dump';

/** keepalived's vrrp.h state numbers. */
const STATE_NUMBERS: Readonly<Record<number, VrrpState>> = {
  0: 'INIT',
  1: 'BACKUP',
  2: 'MASTER',
  3: 'FAULT',
  97: 'DELETED',
  98: 'STOP',
};

function state(value: number, where: string, line: number): VrrpState {
  const s = STATE_NUMBERS[value];
  if (!s) throw new ParseError(`${where}: unknown VRRP state number ${value}`, line);
  return s;
}

function instance(raw: unknown, index: number, line: number): VrrpInstance {
  let where = `${WHAT}: instance ${index + 1}`;
  if (!isObject(raw) || !isObject(raw['data'])) throw new ParseError(`${where} has no "data" object`, line);
  const f = new JsonFields(raw['data'], where, line);
  const name = f.string('iname');
  where = `${WHAT}: ${name}`;
  const current = state(f.number('state'), where, line);
  const want = f.optNumber('wantstate');
  const masterPriority = f.optNumber('master_priority');
  const transition = f.optNumber('last_transition');
  const auth = f.optNumber('auth_type');
  return {
    name,
    state: current,
    wantState: want === null ? null : state(want, where, line),
    interface: f.optString('ifp_ifname'),
    virtualRouterId: f.number('vrid'),
    configuredPriority: f.number('base_priority'),
    effectivePriority: f.number('effective_priority'),
    masterRouter: null,
    // keepalived leaves 0 here until it has heard a master.
    masterPriority: current === 'MASTER' || !masterPriority ? null : masterPriority,
    vips: f.strings('vips').map((text) => {
      const vip = parseDumpedVirtualIp(text);
      if (!vip) throw new ParseError(`${where}: cannot read virtual IP "${text}"`, line);
      return vip;
    }),
    // Only the command is dumped ("'/usr/bin/pgrep' 'haproxy'"): it stands in for the name.
    trackScripts: f
      .strings('track_script')
      .map((cmd) => ({ name: cmd.replace(/'/g, ''), status: 'unknown', weight: null })),
    trackFiles: [],
    lastTransition: transition ? Math.round(transition * 1000) : null,
    nopreempt: f.flag('nopreempt'),
    unicastSource: null,
    unicastPeers: [],
    authType: auth === 1 ? 'PASS' : auth === 2 ? 'AH' : null,
  };
}

export function parseKeepalivedJson(text: string): KeepalivedRuntime {
  const doc = parseJsonText(text, WHAT);
  const list = Array.isArray(doc) ? doc : isObject(doc) ? doc['vrrp'] : undefined;
  if (!Array.isArray(list)) throw new ParseError(`${WHAT}: expected a list of instances or {"vrrp": [...]}`, 1);
  // Line of each instance's "iname", so a bad field points near it even in one-line output.
  const lines = linesOf(text, '"iname"');
  return { routerId: null, instances: list.map((raw, i) => instance(raw, i, lines[i] ?? 1)) };
}
