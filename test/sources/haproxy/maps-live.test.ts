// Map/ACL parsers and command builders against a real HAProxy running the lab config of
// fixtures/haproxy-routing: the recorded replies still describe it, and the commands do what they say.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import { testHaproxyVersion } from '../../../src/lab/haproxy-versions.js';
import { HaproxyClient } from '../../../src/sources/haproxy/client.js';
import { matchPatterns } from '../../../src/trace/patterns.js';
import { buildCommand } from '../../../src/sources/haproxy/command.js';
import { aclCommands, atomicReplace, mapCommands } from '../../../src/sources/haproxy/maps/commands.js';
import { entriesOf, parsePatternFile } from '../../../src/sources/haproxy/maps/map-file.js';
import { checkWriteReply, parsePatternEntries, parsePatternRefs, parsePreparedVersion } from '../../../src/sources/haproxy/maps/runtime.js';
import { unixSocket } from '../../../src/transport/local.js';

const fixtures = new URL('../../../fixtures/haproxy-routing/', import.meta.url);
const RECORDED_DIR = '/tmp/lbtop-routing';
// Each version's recording (record.sh): 3.0 numbers the pattern references differently (more internal ones).
const REPLIES = testHaproxyVersion() === '2.6' ? 'replies' : `replies-${testHaproxyVersion()}`;

describe('maps and ACLs on a real HAProxy', () => {
  let root: string;
  let haproxy: HaproxyProcess;
  let client: HaproxyClient;
  let dir: string;
  const map = (name: string) => path.join(dir, 'maps', name);
  const send = async (command: string) => {
    const reply = await client.send(command);
    checkWriteReply(command, reply);
  };
  const entries = async (file: string) => parsePatternEntries(await client.send(mapCommands.show(file)), true).map(({ key, value }) => ({ key, value }));

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lbtop-maps-'));
    dir = path.join(root, 'lb');
    mkdirSync(path.join(dir, 'maps'), { recursive: true });
    for (const f of readdirSync(new URL('maps/', fixtures))) copyFileSync(new URL(`maps/${f}`, fixtures), path.join(dir, 'maps', f));
    haproxy = await startHaproxy({ name: 'lb', dir: root, config: readFileSync(new URL('haproxy.cfg', fixtures), 'utf8') });
    client = new HaproxyClient(unixSocket(haproxy.socket), { keepAlive: true });
  });
  afterAll(async () => {
    client?.close();
    await haproxy?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('still answers what the recorded fixtures say', async () => {
    const recorded = (name: string) => readFileSync(new URL(`${REPLIES}/${name}.txt`, fixtures), 'utf8');
    const live = (await client.send('show map')).replaceAll(dir, RECORDED_DIR);
    expect(parsePatternRefs(live)).toEqual(parsePatternRefs(recorded('show-map')));
    const liveAcl = (await client.send('show acl')).replaceAll(dir, RECORDED_DIR);
    expect(parsePatternRefs(liveAcl, 'show acl')).toEqual(parsePatternRefs(recorded('show-acl'), 'show acl'));
    for (const name of ['hosts', 'routes', 'edge', 'tricky']) {
      const fromFixture = parsePatternEntries(recorded(`show-map-${name}`), true).map(({ key, value }) => ({ key, value }));
      expect(await entries(map(`${name}.map`))).toEqual(fromFixture);
    }
  });

  it('picks the same entry as HAProxy\'s own `get map` for map_dom and map_beg', async () => {
    const cases = [
      ['hosts.map', 'dom', ['example.net', 'a.example.net', 'EXAMPLE.net', 'example.net:8443', 'example.net.evil.org', 'example.netx',
        'myexample.net', 'x.shadowed.example.net', 'foo.k8s01-dev.example.net', 'k8s01-dev.example.net.', 'nginx.k8s01.example.net/x?y',
        'api.k8s01.example.net', 'net', '.', 'k8s01.example.net']],
      ['routes.map', 'beg', ['/api', '/ap', '/apix', '/api/v2', '/api/v', '/api/v2/users', '/login/x', '/LOGIN', '/']],
      ['tricky.map', 'str', ['#', 'spaced.example.org', 'key-only.example.org', 'crlf.example.org', 'CRLF.example.org']],
    ] as const;
    for (const [file, method, inputs] of cases) {
      const onDisk = entriesOf(parsePatternFile(readFileSync(new URL(`maps/${file}`, fixtures), 'utf8'), 'map'));
      for (const input of inputs) {
        const reply = await client.send(buildCommand('get', 'map', map(file), input));
        const live = /found=yes, idx=\w+, key="(.*?)", value=/.exec(reply)?.[1] ?? null;
        const outcome = matchPatterns(method, false, input, onDisk);
        expect('hit' in outcome ? (outcome.hit?.key ?? null) : outcome.unknown, `${method} ${input}: ${reply}`).toBe(live);
      }
    }
  });

  it('sends an escaped `;` as data: one command, the literal key stored, HAProxy still answering', async () => {
    const edge = map('edge.map');
    expect(await client.send(mapCommands.add(edge, 'x;shutdown', 'sessions now'))).toBe('\n');
    expect(await entries(edge)).toContainEqual({ key: 'x;shutdown', value: 'sessions now' });
    expect(await client.send('show info')).toMatch(/^Name: HAProxy/);
    // Unescaped, the same `;` would have chained a second command: HAProxy runs `show info` after the add.
    // (one connection per command here: on a kept connection each chained reply would come with its own prompt)
    expect(await new HaproxyClient(unixSocket(haproxy.socket)).send(`add map ${edge} y;show info`)).toMatch(/Name: HAProxy/);
    await send(mapCommands.del(edge, 'x;shutdown'));
    expect((await entries(edge)).map((e) => e.key)).not.toContain('x;shutdown');
  });

  it('keeps backslashes and spaces of a value through set map', async () => {
    const edge = map('edge.map');
    await send(mapCommands.set(edge, 'known.example.org', 'be api\\v2'));
    expect(await entries(edge)).toContainEqual({ key: 'known.example.org', value: 'be api\\v2' });
    await send(mapCommands.set(edge, 'known.example.org', 'be_api'));
  });

  it('replaces a whole map atomically with prepare / add @ver / commit', async () => {
    const routes = map('routes.map');
    const version = parsePreparedVersion(await client.send(mapCommands.prepare(routes)));
    const next = [{ key: '/api', value: 'be_api_v2' }, { key: '/shop', value: 'be_auth' }];
    for (const command of atomicReplace('map', routes, next, version).slice(0, -1)) await send(command);
    // Until the commit, lookups and `show map FILE` still see the live version; `show map @ver` the pending one.
    expect((await entries(routes)).map((e) => e.key)).toEqual(['/api', '/login', '/api/v2']);
    expect(parsePatternEntries(await client.send(mapCommands.show(routes, version)), true).map((e) => e.key)).toEqual(['/api', '/shop']);
    await send(mapCommands.commit(routes, version));
    expect(await entries(routes)).toEqual(next);
    await expect(send(mapCommands.commit(routes, version))).rejects.toThrow(/Version number out of range/);
  });

  it('deletes duplicate keys all at once with `del map FILE KEY` on 2.6, and one by reference', async () => {
    const edge = map('edge.map');
    await send(mapCommands.add(edge, 'dup.example.org', 'first'));
    await send(mapCommands.add(edge, 'dup.example.org', 'second'));
    await send(mapCommands.add(edge, 'dup.example.org', 'third'));
    const dups = parsePatternEntries(await client.send(mapCommands.show(edge)), true).filter((e) => e.key === 'dup.example.org');
    await send(mapCommands.delRef(edge, dups[1]!.ref));
    expect((await entries(edge)).filter((e) => e.key === 'dup.example.org').map((e) => e.value)).toEqual(['first', 'third']);
    await send(mapCommands.del(edge, 'dup.example.org'));
    expect((await entries(edge)).filter((e) => e.key === 'dup.example.org')).toEqual([]);
  });

  it('edits an ACL file: add, del, atomic replace', async () => {
    const acl = map('internal.acl');
    const show = async () => parsePatternEntries(await client.send(aclCommands.show(acl)), false).map((e) => e.key);
    await send(aclCommands.add(acl, 'loki.internal.example.net'));
    expect(await show()).toEqual(['grafana.internal.example.net', 'prometheus.internal.example.net', 'loki.internal.example.net']);
    await send(aclCommands.del(acl, 'prometheus.internal.example.net'));
    const version = parsePreparedVersion(await client.send(aclCommands.prepare(acl)), 'prepare acl');
    for (const command of atomicReplace('acl', acl, [{ key: 'only.internal.example.net' }], version)) await send(command);
    expect(await show()).toEqual(['only.internal.example.net']);
  });

  it('gets a clear error for a map that is not loaded', async () => {
    await expect(send(mapCommands.add('/etc/haproxy/maps/missing.map', 'k', 'v'))).rejects.toThrow(/Unknown map identifier/);
  });
});
