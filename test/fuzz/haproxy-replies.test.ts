// Fuzz: the runtime API reply parsers (`show info`, `show stat`, `show servers state`, `show ssl cert`, `show
// map|acl`, `prepare map`, `show sess`, `show errors`) on mutations of replies recorded from HAProxy 2.6 (and
// 3.0 for sessions and errors). See run.ts for what passes.
import { describe, it } from 'vitest';
import { CommandRejectedError } from '../../src/model/errors.js';
import { parsePatternEntries, parsePatternRefs, parsePreparedVersion } from '../../src/sources/haproxy/maps/runtime.js';
import { parseInfo } from '../../src/sources/haproxy/parse-info.js';
import { parseServersState } from '../../src/sources/haproxy/parse-servers-state.js';
import { errorMark, parseShowErrors } from '../../src/sources/haproxy/errors/parse-show-errors.js';
import { parseShowSess } from '../../src/sources/haproxy/sessions/parse-show-sess.js';
import { StatParser } from '../../src/sources/haproxy/parse-stat.js';
import { parseSslCert, parseSslCertList } from '../../src/sources/haproxy/ssl-cert.js';
import { fixture } from './mutate.js';
import { expectRobust, TIMEOUT_MS, type Target } from './run.js';

const H = 'haproxy/2.6/';
const R = 'haproxy-routing/replies/';
const rejected = [CommandRejectedError];
const previousStat = fixture(`${H}seed-000/show-stat.txt`);

export const TARGETS: Target[] = [
  { name: 'parseInfo', fixtures: [`${H}seed-000/show-info.txt`, `${H}seed-003/show-info.txt`, `${H}replies/master-cli-show-info.txt`], parse: parseInfo, runs: 3000 },
  {
    name: 'StatParser',
    fixtures: [`${H}seed-000/show-stat.txt`, `${H}http-check/show-stat.txt`, `${H}seed-003/user-show-stat.txt`],
    // Once fresh, once against the previous poll's lines (the byte comparison path).
    parse: (text) => {
      const parser = new StatParser();
      parser.parse(previousStat);
      return [parser.parse(text), new StatParser().parse(text)];
    },
    runs: 2000,
  },
  { name: 'parseServersState', fixtures: [`${H}seed-000/show-servers-state.txt`, `${H}seed-003/show-servers-state.txt`], parse: parseServersState, runs: 3000 },
  { name: 'parseSslCertList', fixtures: ['haproxy-certs/show-ssl-cert.txt'], parse: parseSslCertList, errors: rejected, runs: 3000 },
  {
    name: 'parseSslCert',
    fixtures: ['haproxy-certs/show-ssl-cert-k8s01.txt', 'haproxy-certs/show-ssl-cert-k8s01-dev.txt', 'haproxy-certs/show-ssl-cert-unknown.txt'],
    parse: (text) => parseSslCert(text, 'lb', Date.UTC(2026, 11, 7)),
    errors: rejected,
    runs: 3000,
  },
  { name: 'parsePatternRefs', fixtures: [`${R}show-map.txt`, `${R}show-acl.txt`, `${R}show-map-pending.txt`], parse: (t) => parsePatternRefs(t), errors: rejected, runs: 3000 },
  {
    name: 'parsePatternEntries',
    fixtures: [`${R}show-map-hosts.txt`, `${R}show-map-tricky.txt`, `${R}show-acl-internal.txt`, `${R}show-map-edge.txt`],
    parse: (t) => [parsePatternEntries(t, true), parsePatternEntries(t, false)],
    errors: rejected,
    runs: 3000,
  },
  { name: 'parsePreparedVersion', fixtures: [`${R}prepare-map.txt`, `${R}unknown-map.txt`], parse: (t) => parsePreparedVersion(t), errors: rejected, runs: 1000 },
  {
    name: 'parseShowSess',
    fixtures: ['2.6', '3.0'].flatMap((v) => [`haproxy-sessions/${v}/show-sess.txt`, `haproxy-sessions/${v}/show-sess-all.txt`, `haproxy-sessions/${v}/show-sess-unknown-id.txt`]),
    parse: (t) => parseShowSess(t),
    errors: rejected,
    runs: 3000,
  },
  {
    name: 'parseShowErrors',
    fixtures: ['2.6', '3.0'].flatMap((v) => [`haproxy-sessions/${v}/show-errors.txt`, `haproxy-sessions/${v}/show-errors-empty.txt`]),
    // The error mark too: a position past the capture, or in a cut line, must not throw.
    parse: (t) => parseShowErrors(t).captures.map(errorMark),
    errors: rejected,
    runs: 3000,
  },
];

describe('fuzz: HAProxy runtime API replies', () => {
  for (const target of TARGETS) it(`${target.name}: ${target.runs} inputs`, () => void expectRobust(target), TIMEOUT_MS);
});
