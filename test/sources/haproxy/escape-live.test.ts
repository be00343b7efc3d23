// Hostile map values and ACL patterns against a real HAProxy 2.6: every value lbtop accepts is stored by the
// runtime API exactly as given (tab, `\`, `;`, space, `#`, `<<` included: no split command, no payload mode
// swallowing the next commands), and the file lbtop writes for it loads back to the same entries after a
// reload, so runtime and disk cannot differ. What cannot be held is refused before anything is sent.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_HEAD, startHaproxy, type HaproxyProcess } from '../../../src/lab/haproxy-process.js';
import { UnsafeArgumentError } from '../../../src/model/errors.js';
import { HaproxyClient } from '../../../src/sources/haproxy/client.js';
import { buildCommand, checkRawCommand, escapeArgument } from '../../../src/sources/haproxy/command.js';
import { aclCommands, mapCommands, MAX_ENTRY_BYTES } from '../../../src/sources/haproxy/maps/commands.js';
import { parsePatternFile, serializePatternFile, upsertEntry, type PatternFile } from '../../../src/sources/haproxy/maps/map-file.js';
import { checkWriteReply, parsePatternEntries } from '../../../src/sources/haproxy/maps/runtime.js';
import { unixSocket } from '../../../src/transport/local.js';

// The files are used by a backend only: no listener, so no port to collide with other tests.
const CONFIG = `
${LAB_HEAD}backend be
  http-request set-var(txn.x) req.hdr(host),map(@DIR@/hostile.map)
  acl hostile hdr(host) -f @DIR@/hostile.acl
  http-request deny if hostile
  server s1 127.0.0.1:1
`;

const HAND_PICKED = ['a\tb', 'x y', 'x;y', 'x\\y', 'x\\;y', 'x#y', '#lead', 'tail\\', 'v<<', 'v <<', '<<', '<<EOF', 'a\t<<', '\\<<',
  'é <<ü', 'a<b>c', 'semi;<<', 'show info', "it's \"quoted\""];
// Random text over the characters that matter to the CLI and the file format; fixed seed, so a failure repeats.
const RANDOM = fc.sample(fc.string({ unit: fc.constantFrom(' ', '\t', '\\', ';', '#', '<', '>', 'a', 'Z', '0', 'é', '"', "'", '|', '\r', '\n'), minLength: 1, maxLength: 10 }), { numRuns: 400, seed: 11 });
const MUST_REFUSE = (v: string) => /[\r\n]/.test(v) || /^[ \t]|[ \t]$/.test(v);

describe('hostile values through the runtime API and the file, on a real HAProxy', () => {
  let root: string;
  let haproxy: HaproxyProcess;
  let client: HaproxyClient;
  let mapFile: string;
  let aclFile: string;
  const send = async (command: string) => checkWriteReply(command, await client.send(command));
  const runtime = async (kind: 'map' | 'acl', file: string) =>
    parsePatternEntries(await client.send(kind === 'map' ? mapCommands.show(file) : aclCommands.show(file)), kind === 'map').map(({ key, value }) => (kind === 'map' ? { key, value } : { key }));

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lbtop-escape-'));
    const dir = path.join(root, 'lb');
    mkdirSync(dir);
    mapFile = path.join(dir, 'hostile.map');
    aclFile = path.join(dir, 'hostile.acl');
    writeFileSync(mapFile, 'seed 1\n');
    writeFileSync(aclFile, 'seed\n');
    haproxy = await startHaproxy({ name: 'lb', dir: root, config: CONFIG });
    client = new HaproxyClient(unixSocket(haproxy.socket), { keepAlive: true });
  });
  afterAll(async () => {
    client?.close();
    await haproxy?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('escapes every separator of the CLI and leaves no raw `<<`', () => {
    expect(escapeArgument('a\tb c;d\\e<<f')).toBe('a\\\tb\\ c\\;d\\\\e\\<\\<f');
    expect(buildCommand('add', 'map', '/m', 'k', 'v<<')).toBe('add map /m k v\\<\\<');
    for (const bad of ['a\rb', 'a\nb', 'a\0b']) expect(() => escapeArgument(bad)).toThrow(UnsafeArgumentError);
  });

  it('refuses a raw operator line that would start a payload (2.6: ends with <<; 2.9+: last word starts with <<)', () => {
    for (const line of ['add map /m k v<<', 'set ssl cert /c.pem <<', 'set ssl cert /c.pem <<EOF', 'add map /m k\t<<END', 'x\\ <<y']) {
      expect(() => checkRawCommand(line), line).toThrow(/cannot send a payload/);
    }
    for (const line of ['show map /m', 'add map /m k v\\<\\<', 'get map /m a<b']) expect(checkRawCommand(line)).toBe(line);
  });

  it('stores every accepted map value and ACL pattern exactly, and the file lbtop writes reloads to the same entries', async () => {
    let map: PatternFile = parsePatternFile('seed 1\n', 'map');
    let acl: PatternFile = parsePatternFile('seed\n', 'acl');
    const mapWant = [{ key: 'seed', value: '1' }];
    const aclWant = [{ key: 'seed' }];
    const refused: string[] = [];
    const values = [...HAND_PICKED, ...RANDOM];
    for (const [i, value] of values.entries()) {
      let mapAdd: string;
      try {
        mapAdd = mapCommands.add(mapFile, `k${i}`, value);
      } catch (error) {
        expect(error, JSON.stringify(value)).toBeInstanceOf(UnsafeArgumentError);
        refused.push(value);
        continue;
      }
      await send(mapAdd);
      map = upsertEntry(map, `k${i}`, value);
      mapWant.push({ key: `k${i}`, value });
      // The same text in a map key (one word: only when it has no blank), and as an ACL pattern unless it starts
      // with `#` (a comment in the file: refused as a key).
      const key = `key${value}`;
      if (!/[ \t]/.test(value) && !mapWant.some((e) => e.key === key)) {
        await send(mapCommands.add(mapFile, key, 'v'));
        map = upsertEntry(map, key, 'v');
        mapWant.push({ key, value: 'v' });
      }
      if (!value.startsWith('#') && !acl.lines.some((l) => l.kind === 'entry' && l.key === value)) {
        await send(aclCommands.add(aclFile, value));
        acl = upsertEntry(acl, value);
        aclWant.push({ key: value });
      }
    }
    // `set map` in place, with a tab and a payload marker in the value.
    await send(mapCommands.set(mapFile, 'k0', 'p\tq <<'));
    map = upsertEntry(map, 'k0', 'p\tq <<');
    mapWant[1] = { key: 'k0', value: 'p\tq <<' };
    expect(refused).toEqual(values.filter(MUST_REFUSE));
    expect(mapWant.length).toBeGreaterThan(150);
    // Still one command per line: nothing was swallowed as a payload.
    expect(await client.send('show info')).toMatch(/^Name: HAProxy\n/);
    expect(await runtime('map', mapFile)).toEqual(mapWant);
    expect(await runtime('acl', aclFile)).toEqual(aclWant);

    writeFileSync(mapFile, serializePatternFile(map));
    writeFileSync(aclFile, serializePatternFile(acl));
    client.close();
    await haproxy.reload();
    client = new HaproxyClient(unixSocket(haproxy.socket), { keepAlive: true });
    expect(await runtime('map', mapFile)).toEqual(mapWant);
    expect(await runtime('acl', aclFile)).toEqual(aclWant);
  });

  it('refuses before sending what the file could not give back', () => {
    const refuse = (f: () => string, why: RegExp) => expect(f).toThrow(why);
    refuse(() => mapCommands.add(mapFile, 'k', ' lead'), /leading\/trailing blanks/);
    refuse(() => mapCommands.set(mapFile, 'k', 'trail\t'), /leading\/trailing blanks/);
    refuse(() => aclCommands.add(aclFile, '\tlead'), /ACL pattern that starts with a blank/);
    refuse(() => mapCommands.add(mapFile, 'k', 'cr\rlf'), /newline or NUL \(or a CR\)/);
    refuse(() => aclCommands.add(aclFile, '#comment'), /starts with "#"/);
    refuse(() => mapCommands.add(mapFile, 'k', 'x'.repeat(MAX_ENTRY_BYTES)), /refusing a map entry of \d+ bytes/);
    // Escaped, a value of `<` doubles: it is the sent command that must fit.
    refuse(() => mapCommands.add(mapFile, 'k', '<'.repeat(MAX_ENTRY_BYTES / 2 + 10)), /refusing a map entry/);
    expect(aclCommands.del(aclFile, ' lead')).toBe(`del acl ${aclFile} \\ lead`);
  });
});
