// Map and ACL file lines holding what a hand edit or a bad copy can leave there (a CR inside a line, NUL,
// U+2028, blanks around), loaded by a real HAProxy 2.6: lbtop's reading of the file (parsePatternFile) is what
// HAProxy loaded (`show map|acl FILE`, read by parsePatternEntries), entry for entry. Before issue 11 the CR and
// U+2028 lines threw a TypeError in parsePatternFile, and a U+2028 in a `show map` value was a ParseError.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import { HaproxyClient } from '../../../src/sources/haproxy/client.js';
import { aclCommands, mapCommands } from '../../../src/sources/haproxy/maps/commands.js';
import { entriesOf, parsePatternFile } from '../../../src/sources/haproxy/maps/map-file.js';
import { parsePatternEntries } from '../../../src/sources/haproxy/maps/runtime.js';
import { unixSocket } from '../../../src/transport/local.js';

const LINES = [
  'plain.example.org be_plain',
  'cr.example.org be_cr\rignored after the CR',
  'crkey\rstill-the-key value',
  'sep.example.org be\u2028sep and\u2029more',
  'key\u2028with-sep be_sep',
  'nul.example.org be_nul\0after the NUL',
  '  indented.example.org\t  be_indented  \t',
  '\rcr-first be_x',
  '# a comment',
  '   ',
  'windows.example.org be_crlf\r',
  'novalue.example.org',
];
const TEXT = `${LINES.join('\n')}\n`;

const CONFIG = `global
    stats socket @SOCKET@ mode 600 level admin
defaults
    mode http
    timeout connect 1s
    timeout client 1s
    timeout server 1s
frontend f
    bind unix@@DIR@/f.sock
    acl hostile hdr(host) -f @DIR@/hostile.acl
    http-request set-header X-Be %[req.hdr(host),map_str(@DIR@/hostile.map,none)] if hostile
`;

describe('hostile map and ACL lines, as a real HAProxy loads them', () => {
  let root: string;
  let haproxy: HaproxyProcess;
  let client: HaproxyClient;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lbtop-hostile-map-'));
    mkdirSync(path.join(root, 'lb'));
    writeFileSync(path.join(root, 'lb', 'hostile.map'), TEXT);
    writeFileSync(path.join(root, 'lb', 'hostile.acl'), TEXT);
    haproxy = await startHaproxy({ name: 'lb', dir: root, config: CONFIG });
    client = new HaproxyClient(unixSocket(haproxy.socket));
  });
  afterAll(async () => {
    client?.close();
    await haproxy?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('map: the same keys and values, in the same order', async () => {
    const file = path.join(haproxy.dir, 'hostile.map');
    const loaded = parsePatternEntries(await client.send(mapCommands.show(file)), true).map(({ key, value }) => ({ key, value }));
    expect(entriesOf(parsePatternFile(TEXT, 'map'))).toEqual(loaded);
    expect(loaded).toContainEqual({ key: 'sep.example.org', value: 'be\u2028sep and\u2029more' });
    expect(loaded).toContainEqual({ key: 'cr.example.org', value: 'be_cr' });
  });

  it('ACL: the same patterns, in the same order', async () => {
    const file = path.join(haproxy.dir, 'hostile.acl');
    const loaded = parsePatternEntries(await client.send(aclCommands.show(file)), false).map(({ key }) => ({ key }));
    expect(entriesOf(parsePatternFile(TEXT, 'acl'))).toEqual(loaded);
  });
});
