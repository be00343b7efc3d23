// Which weights a backend's balance algorithm takes at runtime. HAProxy refuses `set weight` on a static
// algorithm unless the new weight is 0 or the configured one (server.c, server_parse_weight_change_request:
// "Backend is using a static LB algorithm and only accepts weights '0%' and '100%'."), checked on the binary:
// 2.6.12 refuses static-rr always, and source, uri, url_param, hdr, rdp-cookie and hash with the default
// `hash-type map-based`; roundrobin, leastconn, first and random take any weight. `show stat` names the
// algorithm (`algo` column on BACKEND rows) but not the hash type, so a hashing backend is taken as map-based
// (HAProxy's default) and the refusal says how to send it anyway when the config says `hash-type consistent`.

const ALWAYS_STATIC = new Set(['static-rr']);
const HASHING = new Set(['source', 'uri', 'url_param', 'hdr', 'rdp-cookie', 'hash']);

/** Why `weight` cannot be set on this backend now, or null when HAProxy will take it. */
export function staticWeightRefusal(algo: string, backend: string, weight: number, initial: number | null): string | null {
  const hashing = HASHING.has(algo);
  if (!ALWAYS_STATIC.has(algo) && !hashing) return null;
  if (weight === 0 || (initial !== null && weight === initial)) return null;
  const allowed = initial !== null ? `0 or its configured weight ${initial} ('0%' / '100%')` : `0 ('0%'; its configured weight is not known)`;
  const why = hashing
    ? `"balance ${algo}" hashes with HAProxy's default hash-type map-based, a static algorithm`
    : `"balance ${algo}" is a static algorithm`;
  const escape = hashing ? '; if its config says "hash-type consistent" (not visible at runtime) send it from the CLI view' : '';
  return `${backend}: ${why}: HAProxy takes only weight ${allowed}, not ${weight}${escape}`;
}
