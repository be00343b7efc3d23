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
      raw.groupVars.set(group, { ...raw.groupVars.get(group), [m[1]!]: unquote(m[2]!) });
      return;
    }
    const [pattern, ...words] = splitWords(line);
    const vars: Record<string, string> = {};
    for (const word of words) {
      const eq = word.indexOf('=');
      if (eq <= 0) return void raw.issues.push({ line: i + 1, message: `expected key=value after the host name: ${word}` });
      vars[word.slice(0, eq)] = unquote(word.slice(eq + 1));
    }
    for (const host of expand(pattern!)) {
      raw.hosts.set(host, { ...raw.hosts.get(host), ...vars });
      add(raw.members, group, host);
    }
  });
}

function readYaml(text: string, raw: Raw): void {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 1;
    return void raw.issues.push({ line, message: (error as Error).message.split('\n')[0]! });
  }
  const walk = (group: string, node: unknown) => {
    if (!isObj(node)) return;
    if (isObj(node.vars)) raw.groupVars.set(group, { ...raw.groupVars.get(group), ...strings(node.vars) });
    if (isObj(node.hosts)) {
      for (const [pattern, vars] of Object.entries(node.hosts)) {
        for (const host of expand(pattern)) {
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
  const ancestry = (group: string, seen = new Set<string>()): string[] => {
    if (seen.has(group)) return [];
    seen.add(group);
    return [...[...(parents.get(group) ?? [])].flatMap((p) => ancestry(p, seen)), group];
  };
  return [...raw.hosts].map(([name, hostVars]) => {
    const direct = [...raw.members].filter(([, hosts]) => hosts.has(name)).map(([g]) => g);
    const ordered = [...new Set(['all', ...direct.flatMap((g) => ancestry(g))])];
    const vars = Object.assign({}, ...ordered.map((g) => raw.groupVars.get(g) ?? {}), hostVars) as Record<string, string>;
    return { name, vars, groups: ordered.filter((g) => g !== 'all' && g !== 'ungrouped') };
  });
}

/** `lb-[0:2]` → lb-0 lb-1 lb-2; `web[01:03]` keeps the zero padding; `x[a:c]` letters. */
export function expand(pattern: string): string[] {
  const m = /^(.*)\[([0-9]+|[a-z]):([0-9]+|[a-z])(?::(\d+))?\](.*)$/.exec(pattern);
  if (!m) return [pattern];
  const [, head, from, to, stepText, tail] = m as unknown as [string, string, string, string, string | undefined, string];
  const step = Number(stepText ?? 1);
  const out: string[] = [];
  if (/^\d+$/.test(from)) {
    for (let n = Number(from); n <= Number(to); n += step) out.push(`${head}${String(n).padStart(from.length, '0')}${tail}`);
  } else {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c += step) out.push(`${head}${String.fromCharCode(c)}${tail}`);
  }
  return out.flatMap(expand);
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
