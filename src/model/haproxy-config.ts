// haproxy.cfg as lbtop reads it (sections, ACLs, switching rules, servers). Imports nothing: the parser in
// src/sources/haproxy/config builds it; the request trace (src/trace, model/trace.ts) and the map editor read it.

/** One config line after HAProxy's tokenizer: quotes and escapes resolved, comment dropped. 1-based line. */
export interface ConfigLine {
  line: number;
  words: string[];
}

/** How an ACL compares a sample with its patterns (HAProxy's `-m` methods). */
export type MatchMethod = 'str' | 'beg' | 'end' | 'sub' | 'dir' | 'dom' | 'reg' | 'found' | 'len' | 'int' | 'ip' | 'bool' | 'bin';

export interface SampleConverter {
  name: string;
  args: string[];
}

/** A sample expression: `req.hdr(host),lower,map_dom(/etc/haproxy/maps/hosts.map,be_default)`. */
export interface SampleExpr {
  text: string;
  fetch: string;
  args: string[];
  converters: SampleConverter[];
}

/** One `acl` line, or an anonymous `{ ... }` ACL inside a condition. Several lines with one name are OR-ed. */
export interface AclDef {
  line: number;
  /** Empty for an anonymous ACL. */
  name: string;
  sample: SampleExpr;
  /** From `-m`, else from a keyword suffix (`path_beg`), else the fetch's default; null when lbtop cannot tell. */
  method: MatchMethod | null;
  ignoreCase: boolean;
  /** Pattern files from `-f`, in order; their contents live in the runtime (`show acl FILE`). */
  files: string[];
  patterns: string[];
  /** Every flag word as written (`-i`, `-m`, `reg`, `-f`, `FILE`...), for display. */
  flags: string[];
}

export interface ConditionTerm {
  negate: boolean;
  /** Name of a declared or predefined ACL; absent for an anonymous one. */
  acl?: string;
  anonymous?: AclDef;
}

/** `if|unless A B || !C { hdr(host) -i x }`: OR of AND-groups, as HAProxy has no parentheses. */
export interface Condition {
  polarity: 'if' | 'unless';
  anyOf: ConditionTerm[][];
  text: string;
}

/** Literal text, `%[sample]` and other `%x` log variables of a log-format string (`use_backend %[...]`). */
export type FormatPart = { literal: string } | { sample: SampleExpr } | { variable: string };

export interface UseBackendRule {
  line: number;
  /** The name as written: `be_api` or `%[path,map_beg(/etc/haproxy/maps/routes.map,be_default)]`. */
  target: string;
  /** Parsed parts when the name is dynamic (contains `%[`); null for a static name. */
  dynamic: FormatPart[] | null;
  condition: Condition | null;
}

/** `http-request ...`, `tcp-request content ...`, `tcp-request connection ...` in a proxy. */
export interface RequestRule {
  line: number;
  directive: 'http-request' | 'tcp-request content' | 'tcp-request connection' | 'tcp-request session';
  action: string;
  args: string[];
  condition: Condition | null;
  /** Map / ACL files the rule's own words refer to (`map_dom(FILE)`, `-f FILE`). */
  files: string[];
}

export interface BindLine {
  line: number;
  address: string;
  ssl: boolean;
  options: string[];
}

export interface ServerLine {
  line: number;
  name: string;
  address: string;
  disabled: boolean;
  backup: boolean;
  check: boolean;
  /** `weight N` on the line itself; null when absent (then default-server or 1 applies). */
  weight: number | null;
  /** Every word after the address. */
  options: string[];
}

export interface DefaultServerLine {
  line: number;
  disabled: boolean;
  weight: number | null;
  options: string[];
}

export type ProxyKind = 'defaults' | 'frontend' | 'backend' | 'listen';

export interface ProxySection {
  kind: ProxyKind;
  /** Empty for an anonymous `defaults`. */
  name: string;
  line: number;
  /** `mode` written in this section; see `effectiveMode` for the inherited one. */
  mode: 'http' | 'tcp' | null;
  /** This section's mode, else the last defaults section's before it, else tcp (HAProxy's default). */
  effectiveMode: 'http' | 'tcp';
  /** The defaults section this proxy inherits from (`from NAME` or the last one before it). */
  defaultsName: string | null;
  binds: BindLine[];
  acls: AclDef[];
  useBackend: UseBackendRule[];
  defaultBackend: { line: number; name: string } | null;
  requestRules: RequestRule[];
  servers: ServerLine[];
  defaultServer: DefaultServerLine | null;
  disabled: boolean;
  /** Every line of the section after the header, tokenized, for what lbtop does not model. */
  lines: ConfigLine[];
}

export interface StatsSocketLine {
  line: number;
  /** As written: `/run/haproxy/admin.sock`, `ipv4@127.0.0.1:9999`, `unix@/x.sock`. */
  address: string;
  /** Unix path or host:port to connect to, with the `unix@`/`ipv4@` prefix removed. */
  socket?: string;
  tcp?: string;
  level: 'user' | 'operator' | 'admin' | null;
  options: string[];
}

export interface GlobalSection {
  line: number;
  statsSockets: StatsSocketLine[];
  lines: ConfigLine[];
}

export interface HaproxyConfig {
  global: GlobalSection | null;
  proxies: ProxySection[];
  /** Sections lbtop keeps only by name: resolvers, peers, userlist, program, cache, ring, http-errors, mailers. */
  otherSections: { kind: string; name: string; line: number }[];
}
