// Issue 11: `\A…\z`, `[[:digit:]]` and `\Q…\E` are PCRE that JavaScript reads differently (`\A` as "A",
// `[[:digit:]]` as a class followed by "]", `\Q` as "Q"), so the trace named a confident wrong backend. Here a
// real HAProxy 2.6 routes each Host through ACLs and a map_reg map using them (and -i), every backend answers
// its own name, and the trace must name the same backend, certain. A second frontend routes on a backreference
// and a lookahead, which lbtop does not evaluate: there the trace must be uncertain, whatever HAProxy picks.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testHaproxyVersion } from '../../src/lab/haproxy-versions.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { explainFrontend } from '../../src/trace/explain.js';
import { traceRoute } from '../../src/trace/trace.js';
import { parseHaproxyConfig } from '../../src/sources/haproxy/config/parse.js';
import { entriesOf, parsePatternFile } from '../../src/sources/haproxy/maps/map-file.js';
import { httpGet, outcomeOf } from './table.js';

const BACKENDS = ['be_api', 'be_numbered', 'be_literal', 'be_admin', 'be_internal', 'be_images', 'be_twin', 'be_cdn', 'be_default'];

const CONFIG = `
global
    stats socket @SOCKET@ mode 600 level admin
defaults
    mode http
    timeout connect 5s
    timeout client 10s
    timeout server 10s

frontend pcre
    bind unix@@DIR@/pcre.sock
    acl api_exact hdr(host) -m reg \\Aapi\\.example\\.net\\z
    acl numbered hdr(host) -m reg ^node[[:digit:]]+\\.
    acl literal hdr(host) -m reg \\Qshop.example\\E
    acl shouty hdr(host) -m reg -i ^ADMIN\\.
    use_backend be_api if api_exact
    use_backend be_numbered if numbered
    use_backend be_literal if literal
    use_backend be_admin if shouty
    use_backend %[req.hdr(host),map_reg(@DIR@/hosts.map,be_default)]

frontend doubt
    bind unix@@DIR@/doubt.sock
    acl twin hdr(host) -m reg ^(?<l>[a-z])\\k<l>\\.
    acl ahead hdr(host) -m reg ^cdn(?=[0-9])
    use_backend be_twin if twin
    use_backend be_cdn if ahead
    default_backend be_default

frontend rs
    bind unix@@DIR@/rs.sock
    use_backend be_%[req.hdr(host),regsub(\\.svc\\.example\\.net$,),regsub(-,,g)]
    default_backend be_default

frontend rsq
    bind unix@@DIR@/rsq.sock
    use_backend be_%[req.hdr(host),'regsub("\\.svc\\.example\\.net$",)']
    default_backend be_default

frontend regm
    bind unix@@DIR@/regm.sock
    use_backend %[req.hdr(host),map_regm(@DIR@/regm.map)]
    default_backend be_default
${BACKENDS.map((b) => `\nbackend ${b}\n    http-request return status 200 content-type text/plain string ${b}\n`).join('')}`;

const MAP = '\\A[[:alpha:]]+\\.internal\\z be_internal\n^img[0-9]*\\. be_images\n';
// map_regm puts captures into the value: `\1`, and `\x5f` for "_".
const REGM = '^([a-z]+)\\.svc\\.example\\.net$ be_\\1\n^(x)?cdn[0-9]+\\.net$ be\\x5fcdn\\1\n';
const REGM_HOSTS: [string, string][] = [
  ['api.svc.example.net', 'be_api'],
  ['admin.svc.example.net', 'be_admin'],
  ['nope.svc.example.net', 'be_default'],
  ['cdn7.net', 'be_cdn'],
  ['xcdn7.net', 'be_default'],
];

const CERTAIN: [string, string][] = [
  ['api.example.net', 'be_api'],
  ['api.example.net.evil.org', 'be_default'],
  ['xapi.example.net', 'be_default'],
  ['node12.example.net', 'be_numbered'],
  ['nodeX.example.net', 'be_default'],
  ['shop.example.net', 'be_literal'],
  ['shopXexample.net', 'be_default'],
  ['ADMIN.example.net', 'be_admin'],
  ['admin.example.net', 'be_admin'],
  ['vault.internal', 'be_internal'],
  ['vault2.internal', 'be_default'],
  ['img7.example.net', 'be_images'],
  ['IMG7.example.net', 'be_default'],
];

// regsub: the first removes the domain, the second every "-" (g); a name naming no backend falls to the default.
const REGSUB_HOSTS: [string, string][] = [
  ['api.svc.example.net', 'be_api'],
  ['c-d-n.svc.example.net', 'be_cdn'],
  ['ad-min.svc.example.net', 'be_admin'],
  ['api.svc.example.net.evil', 'be_default'],
];

const DOUBTFUL = [['aa.example.net', 'a backreference'], ['ab.example.net', 'a backreference'], ['cdn1.example.net', 'lookaround']] as const;

const routedTo = (socketPath: string, host: string) => httpGet(socketPath, host, '/');

describe(`the trace agrees with a real HAProxy ${testHaproxyVersion()} on PCRE syntax`, () => {
  let root: string;
  let dir: string;
  let haproxy: HaproxyProcess;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lbtop-trace-pcre-'));
    dir = path.join(root, 'lb');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'hosts.map'), MAP);
    writeFileSync(path.join(dir, 'regm.map'), REGM);
    haproxy = await startHaproxy({ name: 'lb', dir: root, config: CONFIG });
  });
  afterAll(async () => {
    await haproxy?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const trace = (frontend: string, host: string) => {
    const config = parseHaproxyConfig(CONFIG.replaceAll('@SOCKET@', `${dir}/admin.sock`).replaceAll('@DIR@', dir));
    const tables = new Map([
      [`${dir}/hosts.map`, entriesOf(parsePatternFile(MAP, 'map'))],
      [`${dir}/regm.map`, entriesOf(parsePatternFile(REGM, 'map'))],
    ]);
    return traceRoute(config, { host, path: '/' }, { tables, frontend }).frontends[0]!;
  };

  it.each(CERTAIN)('%s → %s', async (host, expected) => {
    const predicted = trace('pcre', host);
    const actual = await routedTo(path.join(dir, 'pcre.sock'), host);
    expect(actual).toBe(expected);
    expect({ backend: outcomeOf(predicted), certain: predicted.certain }, explainFrontend(predicted).join('\n')).toEqual({ backend: actual, certain: true });
  });

  it.each(REGM_HOSTS)('map_regm: %s → %s', async (host, expected) => {
    const predicted = trace('regm', host);
    const actual = await routedTo(path.join(dir, 'regm.sock'), host);
    expect(actual).toBe(expected);
    expect({ backend: outcomeOf(predicted), certain: predicted.certain }, explainFrontend(predicted).join('\n')).toEqual({ backend: actual, certain: true });
  });

  it.each(REGSUB_HOSTS)('regsub: %s → %s', async (host, expected) => {
    const predicted = trace('rs', host);
    const actual = await routedTo(path.join(dir, 'rs.sock'), host);
    expect(actual).toBe(expected);
    expect({ backend: outcomeOf(predicted), certain: predicted.certain }, explainFrontend(predicted).join('\n')).toEqual({ backend: actual, certain: true });
  });

  it('regsub with quoted arguments: uncertain, as lbtop may split them otherwise than HAProxy', async () => {
    const predicted = trace('rsq', 'api.svc.example.net');
    expect(predicted.certain).toBe(false);
    expect(explainFrontend(predicted).join('\n')).toContain('quotes');
    expect(await routedTo(path.join(dir, 'rsq.sock'), 'api.svc.example.net')).toBe('be_api');
  });

  it.each(DOUBTFUL)('%s: uncertain (%s), never a confident backend', async (host, why) => {
    const predicted = trace('doubt', host);
    expect(predicted.certain).toBe(false);
    expect(explainFrontend(predicted).join('\n')).toContain(why);
    // HAProxy does route it somewhere; lbtop only says it cannot tell.
    expect(BACKENDS).toContain(await routedTo(path.join(dir, 'doubt.sock'), host));
  });
});
