// An Ansible inventory (INI or YAML, as `ansible-inventory` reads them) → hosts with their variables and every
// group they belong to, parents through `:children` included. Pure: text in, model out; a malformed line is an
// issue with its line number, never an exception. Host patterns `lb-[0:3]` and `lb-[a:c]` expand as in Ansible.
import { parse as parseYaml } from 'yaml';

export interface InventoryHost {
  name: string;
  /** Host vars over group vars (Ansible's precedence for what lbtop reads). */
  vars: Record<string, string>;
  /** Every group the host is in, `all` excluded, parents included. */
  groups: string[];
}

export interface Inventory {
  hosts: InventoryHost[];
  issues: { line: number; message: string }[];
}

interface Raw {
  hosts: Map<string, Record<string, string>>;
  members: Map<string, Set<string>>; // group → hosts
  children: Map<string, Set<string>>; // group → child groups
  groupVars: Map<string, Record<string, string>>;
  issues: Inventory['issues'];
}

export function parseInventory(text: string, fileName = ''): Inventory {
  const raw: Raw = { hosts: new Map(), members: new Map(), children: new Map(), groupVars: new Map(), issues: [] };
  const yamlLike = /\.ya?ml$/i.test(fileName) || /^\s*(---|all\s*:)/m.test(text.split('\n').find((l) => l.trim() && !l.trim().startsWith('#')) ?? '');
  if (yamlLike) readYaml(text, raw);
  else readIni(text, raw);
  return { hosts: resolve(raw), issues: raw.issues };
}

function readIni(text: string, raw: Raw): void {
  let group = 'ungrouped';
  let section: 'hosts' | 'vars' | 'children' = 'hosts';
  text.split('\n').forEach((full, i) => {
    const line = full.replace(/\s[#;].*$/, '').trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]:]+)(?::(vars|children))?\]$/.exec(line);
    if (header) {
      group = header[1]!;
      section = (header[2] as 'vars' | 'children' | undefined) ?? 'hosts';
      return;
    }
    if (line.startsWith('[')) return void raw.issues.push({ line: i + 1, message: `not a group header: ${line}` });
    if (section === 'children') return void add(raw.children, group, line.split(/\s+/)[0]!);
    if (section === 'vars') {
      const m = /^([A-Za-z_][\w]*)\s*=\s*(.*)$/.exec(line);
      if (!m) return void raw.issues.push({ line: i + 1, message: `expected key=value in [${group}:vars]: ${line}` });
      // Set in place: a copy of the group's vars per line was quadratic in a long [group:vars] section.
      const vars = raw.groupVars.get(group) ?? {};
      vars[m[1]!] = unquote(m[2]!);
      raw.groupVars.set(group, vars);
      return;
    }
    const [pattern, ...words] = splitWords(line);
    const vars: Record<string, string> = {};
    for (const word of words) {
      const eq = word.indexOf('=');
      if (eq <= 0) return void raw.issues.push({ line: i + 1, message: `expected key=value after the host name: ${word}` });
      vars[word.slice(0, eq)] = unquote(word.slice(eq + 1));
    }
    for (const host of expandOrIssue(pattern!, i + 1, raw)) {
      raw.hosts.set(host, { ...raw.hosts.get(host), ...vars });
      add(raw.members, group, host);
    }
  });
}

/** expand(), with a range it refuses (step 0, too many hosts) as an issue on its line instead of an exception. */
function expandOrIssue(pattern: string, line: number, raw: Raw): string[] {
  try {
    return expand(pattern);
  } catch (error) {
    raw.issues.push({ line, message: (error as Error).message });
    return [];
  }
}

function readYaml(text: string, raw: Raw): void {
  let doc: unknown;
  try {
    // logLevel error: the yaml library would print its warnings (an unknown tag) to stderr, under the TUI.
    doc = parseYaml(text, { maxAliasCount: 100, logLevel: 'error' });
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 1;
    return void raw.issues.push({ line, message: (error as Error).message.split('\n')[0]! });
  }
  const walk = (group: string, node: unknown) => {
    if (!isObj(node)) return;
    if (isObj(node.vars)) raw.groupVars.set(group, { ...raw.groupVars.get(group), ...strings(node.vars) });
    if (isObj(node.hosts)) {
      for (const [pattern, vars] of Object.entries(node.hosts)) {
        for (const host of expandOrIssue(pattern, 1, raw)) {
          raw.hosts.set(host, { ...raw.hosts.get(host), ...(isObj(vars) ? strings(vars) : {}) });
          add(raw.members, group, host);
        }
      }
    }
    if (isObj(node.children)) {
      for (const [child, sub] of Object.entries(node.children)) {
        add(raw.children, group, child);
        walk(child, sub);
      }
    }
  };
  if (!isObj(doc)) return void raw.issues.push({ line: 1, message: 'expected a map of groups (all: { children: ... })' });
  for (const [group, node] of Object.entries(doc)) walk(group, node);
}

/** Hosts with their groups (ancestors too) and vars: all < parent groups < child groups < host. */
function resolve(raw: Raw): InventoryHost[] {
  const parents = new Map<string, Set<string>>();
  for (const [parent, kids] of raw.children) for (const kid of kids) add(parents, kid, parent);
  // A group's ancestors, farthest first, then the group: a depth-first walk with a stack of its own (a chain of
  // thousands of `:children` groups overflowed the call stack) and one walk per group, not per host.
  const memo = new Map<string, string[]>();
  const ancestry = (group: string): string[] => {
    const known = memo.get(group);
    if (known) return known;
    const out: string[] = [];
    const seen = new Set([group]);
    const stack = [{ group, next: (parents.get(group) ?? new Set<string>()).values() }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const parent = top.next.next();
      if (parent.done) out.push(stack.pop()!.group);
      else if (!seen.has(parent.value)) {
        seen.add(parent.value);
        stack.push({ group: parent.value, next: (parents.get(parent.value) ?? new Set<string>()).values() });
      }
    }
    memo.set(group, out);
    return out;
  };
  // Each host's groups, in group order, from one pass over the groups (not one pass per host).
  const groupsOf = new Map<string, string[]>();
  for (const [group, hosts] of raw.members) for (const host of hosts) (groupsOf.get(host) ?? groupsOf.set(host, []).get(host)!).push(group);
  return [...raw.hosts].map(([name, hostVars]) => {
    const direct = groupsOf.get(name) ?? [];
    const ordered = [...new Set(['all', ...direct.flatMap((g) => ancestry(g))])];
    const vars = Object.assign({}, ...ordered.map((g) => raw.groupVars.get(g) ?? {}), hostVars) as Record<string, string>;
    return { name, vars, groups: ordered.filter((g) => g !== 'all' && g !== 'ungrouped') };
  });
}

/** More hosts than this from one pattern is a typo (`[0:100000000]`), not a fleet: refused rather than built. */
export const MAX_EXPANDED_HOSTS = 100_000;
/** Each range is found by a scan of what precedes it: a bound keeps a pattern of thousands of them linear. */
const MAX_RANGES = 64;
const RANGE = /^(.*)\[([0-9]+|[a-z]):([0-9]+|[a-z])(?::(\d+))?\](.*)$/;

/** The values of one range: numbers keep the zero padding of `from`, letters are letters. */
function rangeValues(from: string, to: string, step: number): string[] {
  const out: string[] = [];
  if (/^\d+$/.test(from)) {
    for (let n = Number(from); n <= Number(to); n += step) out.push(String(n).padStart(from.length, '0'));
  } else {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c += step) out.push(String.fromCharCode(c));
  }
  return out;
}

/**
 * `lb-[0:2]` → lb-0 lb-1 lb-2; `web[01:03]` keeps the zero padding; `x[a:c]` letters; with several ranges the
 * first varies fastest. Throws on a step of 0 (Ansible refuses it too; it looped forever here) and on more than
 * MAX_EXPANDED_HOSTS names, counted before any is built: ranges multiply (`[1:3]` forty times is 3^40 names).
 */
export function expand(pattern: string): string[] {
  // The ranges, last first (RANGE's greedy head finds the last one), each with the text that follows it.
  const ranges: { values: string[]; tail: string }[] = [];
  let head = pattern;
  let count = 1;
  for (let m = RANGE.exec(head); m; m = RANGE.exec(head)) {
    const [, before, from, to, stepText, tail] = m as unknown as [string, string, string, string, string | undefined, string];
    const step = Number(stepText ?? 1);
    if (!(step >= 1)) throw new Error(`${pattern}: a range step must be 1 or more`);
    const first = /^\d+$/.test(from) ? Number(from) : from.charCodeAt(0);
    const last = /^\d+$/.test(to) ? Number(to) : to.charCodeAt(0);
    const size = Math.floor((last - first) / step) + 1;
    count *= size > 0 ? size : 0; // NaN (a number to a letter) is no values, as the loop below finds
    if (ranges.length === MAX_RANGES) throw new Error(`${pattern}: more than ${MAX_RANGES} ranges`);
    if (count > MAX_EXPANDED_HOSTS) throw new Error(`${pattern}: more than ${MAX_EXPANDED_HOSTS} hosts`);
    ranges.push({ values: count === 0 ? [] : rangeValues(from, to, step), tail });
    head = before;
  }
  let names = [head];
  for (const { values, tail } of ranges.reverse()) names = values.flatMap((v) => names.map((name) => `${name}${v}${tail}`));
  return names;
}

function splitWords(line: string): string[] {
  return line.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
}
const unquote = (v: string) => v.replace(/^(["'])(.*)\1$/, '$2');
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v)).map(([k, v]) => [k, String(v)]));
function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key) ?? new Set<V>();
  set.add(value);
  map.set(key, set);
}
