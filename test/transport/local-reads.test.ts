// The local transport lends one read buffer from exchange to exchange (src/transport/local.ts): a small reply is
// copied out at its length before the buffer is lent again. Against a real HAProxy, a reply kept from an earlier
// exchange must still read as it did after later exchanges wrote other replies into the lent buffer; and a large
// reply (handed on as it was read) must not be overwritten by a small one that follows. A reply a little longer
// than the last one to the same command is read without doubling its buffer.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateConfig } from '../support/lab/generate-config.js';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { unixSocket } from '../../src/transport/local.js';

describe('local transport: replies kept across exchanges', () => {
  let dir: string;
  let haproxy: HaproxyProcess;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-local-reads-'));
    haproxy = await startHaproxy({ name: 'lb', dir, config: generateConfig({ servers: 1000, backends: 10, checks: false }) });
  });
  afterAll(async () => {
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each reply as it was read, small and large', async () => {
    const connector = unixSocket(haproxy.socket);
    const exchange = (command: string) => connector.exchange!(`${command}\n`, 5000);
    const info = await exchange('show info');
    const infoText = info.toString('utf8');
    expect(infoText).toMatch(/^Name: HAProxy\n/);
    const big = await exchange('show stat');
    const bigText = big.toString('utf8');
    expect(big.length).toBeGreaterThan(64 * 1024);
    // Small replies of other lengths, each read into the buffer the first one was read into.
    const small: [Buffer, string][] = [];
    for (const command of ['show env', 'show stat -1 1 -1', 'show info', 'show servers state be_0001', 'help']) {
      const reply = await exchange(command);
      small.push([reply, reply.toString('utf8')]);
    }
    expect(info.toString('utf8')).toBe(infoText);
    expect(big.toString('utf8')).toBe(bigText);
    for (const [reply, text] of small) expect(reply.toString('utf8')).toBe(text);
    expect(new Set(small.map(([, text]) => text)).size).toBe(small.length);
  });

  it('reads a reply a little longer than the last one into a buffer of about its size', async () => {
    const connector = unixSocket(haproxy.socket);
    const exchange = (command: string) => connector.exchange!(`${command}\n`, 5000);
    const first = await exchange('show stat');
    // Weights of one digit become three, as counters gain digits: the next reply is a few hundred bytes longer.
    for (let i = 1; i <= 100; i++) await exchange(`set weight be_0001/srv${String(i).padStart(5, '0')} 256`);
    const next = await exchange('show stat');
    expect(next.length).toBeGreaterThan(first.length + 150);
    expect(next.toString('utf8')).toMatch(/^be_0001,srv00001,.*,256,/m);
    // Read into about the size the last reply announced, not the double a nearly full buffer grows to.
    expect(next.buffer.byteLength).toBeLessThan(first.length * 1.5);
  });
});
