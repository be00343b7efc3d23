// keepalived's data dump (`kill -s $(keepalived --signum=DATA) PID` → /tmp/keepalived.data) → VRRP instances.
// Preferred over the JSON dump: it names track scripts with their weights and status, the current master and its
// priority, and whether each VIP is set. Written against keepalived 2.2.7's format (fixtures/keepalived/).
import { ParseError } from '../../model/errors.js';
import type {
  KeepalivedRuntime, TrackStatus, TrackedFile, TrackedScript, VrrpInstance, VrrpState,
} from '../../model/failover.js';
import { addressKey } from '../netlink/address.js';
import { parseDumpTree, prop, requireValue, toInt, type DumpEntry, type DumpSection } from './dump-tree.js';
import { parseDumpedVirtualIp } from './virtual-ip.js';

const STATES: readonly VrrpState[] = ['INIT', 'BACKUP', 'MASTER', 'FAULT', 'STOP', 'DELETED'];
const TRACK_STATUSES: readonly TrackStatus[] = ['GOOD', 'BAD', 'INIT', 'INIT/FAILED'];

export function vrrpState(text: string, line: number): VrrpState {
  const state = STATES.find((s) => s === text);
  if (!state) throw new ParseError(`unknown VRRP state "${text}"`, line);
  return state;
}

function section(sections: DumpSection[], name: string): DumpSection | undefined {
  return sections.find((s) => s.name === name);
}

/** "1795436471.388963 (Mon Nov 23 12:21:11.388963 2026)" → ms since the epoch; 0 (never) → null. */
function transition(entry: DumpEntry): number | null {
  const p = prop(entry, 'Last transition');
  if (!p?.value) return null;
  const m = /^(\d+)(?:\.(\d+))?/.exec(p.value);
  if (!m) throw new ParseError(`Last transition: "${p.value}" is not a timestamp`, p.line);
  const ms = Math.round(Number(`${m[1]}.${m[2] ?? '0'}`) * 1000);
  return ms === 0 ? null : ms;
}

function trackScripts(entry: DumpEntry, statuses: Map<string, TrackStatus>): TrackedScript[] {
  return (prop(entry, 'Tracked scripts')?.items ?? []).map(({ text, line }) => {
    const m = /^(\S+)(?:\s+weight\s+(-?\d+))?/.exec(text);
    if (!m) throw new ParseError(`tracked script: cannot read "${text}"`, line);
    const name = m[1] as string;
    return { name, status: statuses.get(name) ?? 'unknown', weight: m[2] === undefined ? null : Number(m[2]) };
  });
}

function trackFiles(entry: DumpEntry, values: Map<string, number>): TrackedFile[] {
  return (prop(entry, 'Tracked files')?.items ?? []).map(({ text, line }) => {
    const m = /^(\S+?),?\s+weight\s+(-?\d+)/.exec(text);
    if (!m) throw new ParseError(`tracked file: cannot read "${text}"`, line);
    const name = m[1] as string;
    return { name, weight: Number(m[2]), value: values.get(name) ?? null };
  });
}

function addresses(entry: DumpEntry, key: string): string[] {
  return (prop(entry, key)?.items ?? []).map(({ text, line }) => {
    const address = text.split(/\s+/)[0] ?? '';
    if (addressKey(address) === null) throw new ParseError(`${key}: "${address}" is not an IP address`, line);
    return address;
  });
}

function instance(entry: DumpEntry, scripts: Map<string, TrackStatus>, files: Map<string, number>): VrrpInstance {
  const name = entry.value ?? '';
  const int = (key: string): number => {
    const { value, line } = requireValue(entry, key);
    return toInt(value, `${name}: ${key}`, line);
  };
  const stateProp = requireValue(entry, 'State');
  const state = vrrpState(stateProp.value, stateProp.line);
  const want = prop(entry, 'Wantstate');
  const master = state === 'MASTER' ? undefined : prop(entry, 'Master router');
  const masterPriority = state === 'MASTER' ? undefined : prop(entry, 'Master priority');
  const unicastPeers = addresses(entry, 'Unicast Peer');
  const auth = prop(entry, 'Authentication type')?.value;
  const preempt = prop(entry, 'Preempt')?.value;
  return {
    name,
    state,
    wantState: want?.value ? vrrpState(want.value, want.line) : null,
    interface: prop(entry, 'Interface')?.value ?? null,
    virtualRouterId: int('Virtual Router ID'),
    configuredPriority: int('Priority'),
    effectivePriority: int('Effective priority'),
    masterRouter: master?.value?.split(/\s+/)[0] ?? null,
    masterPriority: masterPriority?.value
      ? toInt(masterPriority.value, `${name}: Master priority`, masterPriority.line)
      : null,
    vips: (prop(entry, 'Virtual IP')?.items ?? []).map(({ text, line }) => {
      const vip = parseDumpedVirtualIp(text);
      if (!vip) throw new ParseError(`${name}: cannot read virtual IP "${text}"`, line);
      return vip;
    }),
    trackScripts: trackScripts(entry, scripts),
    trackFiles: trackFiles(entry, files),
    lastTransition: transition(entry),
    // 2.2 prints "Preempt = disabled"; older 2.x a bare "Preempt disabled" line.
    nopreempt: preempt === 'disabled' || entry.props.some((p) => p.key === 'Preempt disabled'),
    unicastSource: unicastPeers.length > 0 ? (prop(entry, 'Using src_ip')?.value?.split(/\s+/)[0] ?? null) : null,
    unicastPeers,
    authType: auth === 'SIMPLE_PASSWORD' ? 'PASS' : auth === 'IPSEC_AH' ? 'AH' : null,
  };
}

export function parseKeepalivedData(text: string): KeepalivedRuntime {
  const sections = parseDumpTree(text);
  const lastLine = Math.max(1, text.trimEnd().split('\n').length);
  const topology = section(sections, 'VRRP Topology');
  if (!topology) {
    throw new ParseError('no "VRRP Topology" section: no VRRP instance configured, or the dump is cut short', lastLine);
  }
  // Interfaces is the dump's last section: without it the file was read while keepalived was still writing it.
  if (!section(sections, 'Interfaces')) {
    throw new ParseError('the dump ends before its "Interfaces" section (truncated?)', lastLine);
  }
  const entries = topology.entries.filter((e) => e.key === 'VRRP Instance');
  const scriptSection = section(sections, 'VRRP Scripts');
  const tracking = entries.find((e) => prop(e, 'Tracked scripts'));
  if (tracking && !scriptSection) {
    throw new ParseError(`${tracking.value} tracks scripts but the dump has no "VRRP Scripts" section`, tracking.line);
  }
  const scripts = new Map<string, TrackStatus>();
  for (const e of scriptSection?.entries ?? []) {
    const status = prop(e, 'Status')?.value ?? '';
    scripts.set(e.value ?? '', TRACK_STATUSES.find((s) => s === status) ?? 'unknown');
  }
  const files = new Map<string, number>();
  for (const e of section(sections, 'VRRP Track files')?.entries ?? []) {
    const status = prop(e, 'Status');
    if (status?.value) files.set(e.value ?? '', toInt(status.value, `track file ${e.value}: Status`, status.line));
  }
  const instances = entries.map((e) => instance(e, scripts, files));
  const routerId = section(sections, 'Global definitions')?.entries.find((e) => e.key === 'Router ID')?.value ?? null;
  return { routerId, instances };
}
