// haproxy.cfg as lbtop reads it (sections, ACLs, switching rules, servers), the runtime map/ACL listings, and the
// route trace. Imports nothing: parsers in src/sources/haproxy build these, src/routing evaluates them.

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

/** One row of `show map` / `show acl` (list mode). Addressed by `file`; `id` is runtime-assigned and shared. */
export interface PatternRef {
  id: number;
  /** Empty for an anonymous ACL declared inline in the config. */
  file: string;
  description: string;
  /** For anonymous ACLs: the fetch keyword and where it is declared. */
  keyword?: string;
  configFile?: string;
  configLine?: number;
  currVer: number | null;
  nextVer: number | null;
  entryCount: number | null;
}

/** One entry of `show map FILE` / `show acl FILE`. `ref` is HAProxy's `#0x...` handle for `del`/`set`. */
export interface PatternEntry {
  ref: string;
  key: string;
  /** Undefined for ACL entries. */
  value?: string;
}

/** What the route tracer needs of a map or ACL file: entries in load order. */
export type PatternTables = ReadonlyMap<string, readonly { key: string; value?: string }[]>;

/** A request to trace. `host` is the Host header as sent (port included); `path` may carry a query string. */
export interface TraceRequest {
  host?: string;
  path?: string;
  method?: string;
  /** TLS SNI: for TCP frontends routing on `req.ssl_sni`, and `ssl_fc_sni` on `ssl` binds. */
  sni?: string;
  /** The port the request reaches (`HOST:PORT/PATH`): only the frontends bound there are traced; `dst_port`. */
  port?: number;
  /** Other request headers, by lower-case name. A header that is neither here nor Host is unknown. */
  headers?: Readonly<Record<string, string>>;
}

/** Three-valued: lbtop may be unable to evaluate a fetch it does not model. */
export type Tri = true | false | 'unknown';

/** A map converter lookup met while evaluating a sample (`map_dom(FILE,DEFAULT)`). */
export interface MapLookup {
  converter: string;
  file: string;
  method: MatchMethod;
  input: string;
  /** The entry HAProxy returns, with its position in load order. */
  hit: { key: string; value: string; index: number } | null;
  /** The converter's default, when it has one and nothing matched. */
  usedDefault: string | null;
}

/** A sample as evaluated for the traced request: its values (none when the fetch fails), or why it is unknown. */
export interface SampleEval {
  text: string;
  values: string[] | null;
  unknown?: string;
  /** Why there is no value (no Host header, req.ssl_sni in an HTTP frontend...). */
  reason?: string;
  lookups: MapLookup[];
}

export interface AclLineEval {
  line: number;
  /** The ACL as written after its name: criterion, flags, patterns. */
  text: string;
  sample: SampleEval;
  result: Tri;
  /** The pattern that matched and where it came from (`inline` or the -f file). */
  hit?: { pattern: string; source: string; index: number };
  reason?: string;
}

export interface TermEval {
  /** The ACL name, or `{ ... }` for an anonymous one. */
  acl: string;
  negate: boolean;
  predefined: boolean;
  /** After negation. */
  result: Tri;
  lines: AclLineEval[];
  reason?: string;
}

export interface ConditionEval {
  text: string;
  polarity: 'if' | 'unless';
  result: Tri;
  groups: TermEval[][];
}

export interface TraceStep {
  line: number;
  kind: 'tcp-request' | 'http-request' | 'use_backend' | 'default_backend';
  text: string;
  condition: ConditionEval | null;
  /** Whether the rule applied (its condition held); 'unknown' when lbtop could not decide. */
  applied: Tri;
  /** For a dynamic use_backend: the name built from the format, and the lookups behind it. */
  dynamic?: { name: string | null; samples: SampleEval[] };
  /** One line for a human: why this step did or did not decide the route. */
  why: string;
}

export type TraceOutcome =
  | { kind: 'backend'; backend: string; via: 'use_backend' | 'default_backend' | 'listen'; line: number }
  | { kind: 'stopped'; by: string; line: number }
  | { kind: 'none'; reason: string };

export interface FrontendTrace {
  frontend: string;
  line: number;
  mode: 'http' | 'tcp';
  steps: TraceStep[];
  outcome: TraceOutcome;
  /** False when a step could not be evaluated and might have changed the outcome. */
  certain: boolean;
  uncertainties: string[];
}

export interface RouteTrace {
  request: TraceRequest;
  frontends: FrontendTrace[];
  /** Why no frontend was traced, when none was (no frontend binds the traced port). */
  note?: string;
}
