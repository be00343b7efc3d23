// What the schema cannot say, then the typed config. Runs on data that may have failed the schema, so every
// check looks at the shape before trusting it: the operator gets all mistakes of the file in one pass.
//
// A proxy name listed exactly in two clusters is an error: cluster membership drives bulk actions (drain a
// whole cluster), so a backend must never belong to two. An exact name also caught by another cluster's /regex/
// is only a warning, since a regex can overlap on purpose and which names exist is only known at run time.
import type { ClusterConfig, ConfigIssue, LbConfig, LbtopConfig, NameMatcher, SshTarget } from '../model/config.js';
import { toFailoverStack } from './failover.js';
import { routingAliasWarning, toHaproxyHostConfig } from './haproxy-host.js';
import { lbSudo, routingSudoWarning } from './sudo.js';
import { endpointProblem, withDefaults } from './lb-defaults.js';
import { isRegexMatcher, parseMatcher } from './matcher.js';
import { DEFAULTS } from './schema.js';
import { checkUserCommands, toUserCommands } from './user-commands.js';
import { formatPath, keysInOrder, locate, type Segment, type YamlSource } from './yaml-doc.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const LISTS = ['backends', 'frontends'] as const;

export function checkSemantics(data: unknown, src: YamlSource): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: Segment[], message: string, severity?: 'warning') =>
    issues.push({ ...locate(src, path), path: formatPath(path), message, ...(severity ? { severity } : {}) });
  const root = isObj(data) ? data : {};

  for (const [name, raw] of Object.entries(isObj(root.lbs) ? root.lbs : {})) {
    const lb = withDefaults(raw, root.defaults);
    const oldSudo = routingSudoWarning(raw);
    if (oldSudo) add(['lbs', name, 'routing', 'sudo'], oldSudo, 'warning');
    const oldRouting = routingAliasWarning(raw);
    if (oldRouting) add(['lbs', name, 'routing'], oldRouting, 'warning');
    const missing = isObj(raw) ? endpointProblem(lb) : null;
    if (missing) add(missing.at === 'lb' ? ['lbs', name] : ['lbs', name, 'haproxy'], missing.message);
    const tcp = isObj(lb) && isObj(lb.haproxy) ? lb.haproxy.tcp : undefined;
    // The schema checks the host:port shape; only the range of a well-formed port is left.
    const port = typeof tcp === 'string' ? /:(\d{1,5})$/.exec(tcp)?.[1] : undefined;
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
      add(['lbs', name, 'haproxy', 'tcp'], `port ${port} is out of range (1 to 65535)`);
    }
  }

  for (const list of LISTS) {
    const exact = new Map<string, { cluster: string; line: number }>();
    const regexes: { cluster: string; matcher: NameMatcher }[] = [];
    const names: { cluster: string; name: string; path: Segment[] }[] = [];
    for (const [cluster, def] of Object.entries(isObj(root.clusters) ? root.clusters : {})) {
      const items = isObj(def) && Array.isArray(def[list]) ? (def[list] as unknown[]) : [];
      items.forEach((item, i) => {
        if (typeof item !== 'string' || item === '') return; // the schema reports it
        const path: Segment[] = ['clusters', cluster, list, i];
        const parsed = parseMatcher(item);
        if ('error' in parsed) return add(path, parsed.error);
        if (isRegexMatcher(item)) return void regexes.push({ cluster, matcher: parsed.matcher });
        const first = exact.get(item);
        const kind = list.slice(0, -1);
        if (first && first.cluster !== cluster) {
          add(path, `${kind} "${item}" is already claimed by cluster ${first.cluster} (line ${first.line})`);
        } else if (first) {
          add(path, `${kind} "${item}" is listed twice (first at line ${first.line})`, 'warning');
        } else {
          exact.set(item, { cluster, line: locate(src, path).line });
          names.push({ cluster, name: item, path });
        }
      });
    }
    // The grouping (store/selectors.ts) gives a name to the first cluster in file order that matches it.
    const order = Object.keys(isObj(root.clusters) ? root.clusters : {});
    for (const { cluster, name, path } of names) {
      const other = regexes.find((r) => r.cluster !== cluster && r.matcher.test(name));
      if (!other) continue;
      const winner = order.indexOf(other.cluster) < order.indexOf(cluster) ? other.cluster : cluster;
      const message = `"${name}" is also matched by ${other.matcher.source} of cluster ${other.cluster}`;
      add(path, `${message}; ${winner} comes first and gets it`, 'warning');
    }
  }
  checkUserCommands(root.commands, add);
  return issues;
}

/** The typed config from data that passed the schema and checkSemantics without errors. */
export function buildConfig(data: unknown, src: YamlSource): LbtopConfig {
  const root = (isObj(data) ? data : {}) as Obj;
  const lbsRaw = (root.lbs ?? {}) as Record<string, Obj>;
  const clustersRaw = (root.clusters ?? {}) as Record<string, Obj>;
  const lbs = keysInOrder(src, ['lbs'], lbsRaw).map((name) => toLb(name, withDefaults(lbsRaw[name], root.defaults)));
  const clusters = keysInOrder(src, ['clusters'], clustersRaw).map((name): ClusterConfig => {
    const def = clustersRaw[name]!;
    const matchers = (list: unknown) =>
      ((list ?? []) as string[]).map((s) => (parseMatcher(s) as { matcher: NameMatcher }).matcher);
    const cluster: ClusterConfig = { name, backends: matchers(def.backends), frontends: matchers(def.frontends) };
    if (Array.isArray(def.vips)) cluster.vips = [...(def.vips as string[])];
    return cluster;
  });
  return {
    lbs,
    clusters,
    ...(isObj(root.defaults) ? { lbDefaults: root.defaults } : {}),
    intervalSec: (root.interval as number | undefined) ?? DEFAULTS.intervalSec,
    readOnly: (root.read_only as boolean | undefined) ?? DEFAULTS.readOnly,
    theme: (root.theme as string | undefined) ?? DEFAULTS.theme,
    ...(isObj(root.bgp) && isObj(root.bgp.nodes) ? { bgpNodes: { ...(root.bgp.nodes as Record<string, string>) } } : {}),
    ...(Array.isArray(root.commands) ? { commands: toUserCommands(root.commands) } : {}),
  };
}

export function toLb(name: string, raw: Obj): LbConfig {
  const h = (raw.haproxy ?? {}) as { socket?: string; tcp?: string; timeout?: number };
  // Neither socket nor tcp: an ssh LB whose socket is read from its haproxy.cfg (src/runtime/ssh-connectors.ts).
  const haproxy = h.socket !== undefined ? { socket: h.socket } : h.tcp !== undefined ? { tcp: h.tcp } : {};
  const lb: LbConfig = { name, haproxy: { ...haproxy, timeoutMs: h.timeout ?? DEFAULTS.timeoutMs } };
  if (raw.ssh !== undefined) {
    lb.ssh = typeof raw.ssh === 'string' ? { host: raw.ssh } : { ...(raw.ssh as SshTarget) };
  }
  // One per host, for every feature's commands there (sudo.ts); the failover stack keeps a copy for its readers.
  const sudo = lbSudo(raw);
  if (sudo) lb.sudo = true;
  const failover = toFailoverStack(name, { ...raw, sudo });
  if (failover) lb.failover = failover;
  const host = toHaproxyHostConfig(raw);
  if (host) lb.haproxyHost = host;
  return lb;
}
