// The request trace: a request, and which backend each frontend picks for it and why, step by step, with what
// lbtop could not evaluate (src/trace builds it from model/haproxy-config.ts and the live map/ACL entries).
import type { MatchMethod } from './haproxy-config.js';

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
