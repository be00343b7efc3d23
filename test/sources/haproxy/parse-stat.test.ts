import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors.js';
import type { StatRow } from '../../../src/model/haproxy.js';
import { parseStat } from '../../../src/sources/haproxy/parse-stat.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/haproxy/${name}`, import.meta.url), 'utf8');
const find = (rows: StatRow[], proxy: string, name: string) => rows.find((r) => r.proxy === proxy && r.name === name);

/** The ParseError `text` raises (failing the test if it parses or throws anything else). */
function parseError(text: string): ParseError {
  try {
    parseStat(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  throw new Error('parsed without error');
}

describe('parseStat on recordings of HAProxy 2.6', () => {
  it('reads every row of seed-000 with its kind', () => {
    const rows = parseStat(fixture('2.6/seed-000/show-stat.txt'));
    expect(rows).toHaveLength(34);
    expect(rows.filter((r) => r.kind === 'frontend').map((r) => r.proxy)).toEqual([
      'lab_check_target', 'k3s-api-frontend', 'k8s_http_lb_frontend', 'k8s_https_lb_frontend',
    ]);
    expect(rows.filter((r) => r.kind === 'backend')).toHaveLength(7);
    expect(rows.filter((r) => r.kind === 'server')).toHaveLength(23);
  });

  it('reads the fields of a server whose check fails', () => {
    const cp3 = find(parseStat(fixture('2.6/seed-000/show-stat.txt')), 'k3s-backend', 'controlplane3');
    expect(cp3).toMatchObject({
      kind: 'server', status: 'DOWN', weight: 1, act: 1, bck: 0, checkStatus: 'L4CON', checkCode: null,
      addr: '127.0.64.93:1', mode: 'tcp', chkdown: 1, sid: 3,
      lastChk: 'Connection refused at initial connection step of tcp-check',
    });
  });

  it('shows runtime changes: a drained server, a forced maint, a weight and the backend sums', () => {
    const rows = parseStat(fixture('2.6/seed-000/show-stat.txt'));
    expect(find(rows, 'k8s_https_lb_backend', 'worker2')?.status).toBe('DRAIN');
    expect(find(rows, 'k8s_http_lb_backend', 'worker1')?.status).toBe('MAINT');
    expect(find(rows, 'k3s-backend', 'controlplane2')?.weight).toBe(50);
    expect(find(rows, 'k3s-backend', 'BACKEND')).toMatchObject({ status: 'UP', weight: 51, act: 2, addr: '' });
    expect(find(rows, 'https_k8s02_dev_backend', 'BACKEND')?.status).toBe('DOWN');
    expect(find(rows, 'k3s-api-frontend', 'FRONTEND')).toMatchObject({ status: 'OPEN', weight: null, slim: 9967 });
  });

  it('unquotes a check reason HAProxy quoted because it holds a comma and quotes', () => {
    const rows = parseStat(fixture('2.6/http-check/show-stat.txt'));
    expect(find(rows, 'ingress_http', 'worker2')).toMatchObject({
      status: 'DOWN', checkStatus: 'L7STS', checkCode: 503, lastChk: 'Drained, "try" later', mode: 'http',
    });
    expect(find(rows, 'ingress_http', 'worker1')).toMatchObject({ status: 'UP', checkStatus: 'L7OK', checkCode: 200 });
  });

  it('reads all 10,000 servers of the generated config with the designed state mix', () => {
    const servers = parseStat(fixture('2.6/gen-10k/show-stat.txt')).filter((r) => r.kind === 'server');
    expect(servers).toHaveLength(10_000);
    const count = (status: string) => servers.filter((r) => r.status === status).length;
    expect([count('MAINT'), count('DOWN'), count('UP'), count('no check')]).toEqual([1000, 3000, 3000, 3000]);
    expect(servers.filter((r) => r.bck === 1)).toHaveLength(1000);
    expect(find(servers, 'be_0001', 'srv00002')).toMatchObject({ status: 'DOWN', checkStatus: 'L4CON', addr: '127.0.0.1:1' });
    expect(find(servers, 'be_0100', 'srv10000')?.status).toBe('no check');
  });

  it('reads a user-level socket, where HAProxy blanks the addresses', () => {
    const rows = parseStat(fixture('2.6/seed-003/user-show-stat.txt'));
    expect(find(rows, 'api-backend', 'master3')).toMatchObject({ status: 'DOWN', addr: '' });
  });
});

describe('parseStat finds columns by the header', () => {
  const real = parseStat(fixture('2.6/seed-003/show-stat.txt'));

  it('ignores unknown columns first, in the middle and last', () => {
    expect(parseStat(fixture('derived/show-stat.extra-columns.txt'))).toEqual(real);
  });

  it('reads the 1.8 header (stops at dses) and the 3.0 header (srid ... proto before "-")', () => {
    expect(parseStat(fixture('derived/show-stat.v1.8-header.txt'))).toEqual(real);
    expect(parseStat(fixture('derived/show-stat.v3.0-header.txt'))).toEqual(real);
  });

  it('reads a column the header lacks as null or ""', () => {
    const lines = fixture('2.6/seed-003/show-stat.txt').split('\n');
    const drop = new Set(['addr', 'req_tot'].map((name) => lines[0]!.slice(2).split(',').indexOf(name)));
    const text = lines.map((l) => l.split(',').filter((_, c) => !drop.has(c)).join(',')).join('\n');
    const master3 = find(parseStat(text), 'api-backend', 'master3');
    expect(master3).toMatchObject({ status: 'DOWN', addr: '', reqTot: null, weight: 1 });
  });

  it('keeps a quoted newline inside its record', () => {
    const text = '# pxname,svname,status,type,last_chk,\nbe,s1,DOWN,2,"line one\nline two",\nbe,BACKEND,UP,1,,\n\n';
    const rows = parseStat(text);
    expect(rows.map((r) => r.lastChk)).toEqual(['line one\nline two', '']);
  });
});

describe('parseStat refuses malformed replies with the line number', () => {
  it.each([
    ['truncated mid-line', 'derived/show-stat.truncated.txt', 5, /truncated/],
    ['binary junk in a status', 'derived/show-stat.garbled.txt', 5, /status: unreadable byte 0x0/],
    ['a row with fewer fields than the header', 'derived/show-stat.short-row.txt', 4, /row has \d+ fields, the header has \d+/],
    ['no header line', 'derived/show-stat.no-header.txt', 1, /header/],
    ['a letter in a number', 'derived/show-stat.non-numeric.txt', 4, /weight: not a number: "1O"/],
  ])('%s', (_what, file, line, message) => {
    const error = parseError(fixture(file));
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['an empty text', '', 1],
    ['an empty reply', '\n', 1],
    ['a header without type', '# pxname,svname,status,\n\n', 1],
    ['a row with more fields than the header', '# pxname,svname,status,type,\nbe,s1,UP,2,x,\n\n', 2],
    ['a quote inside a field', '# pxname,svname,status,type,\nbe,s"1,UP,2,\n\n', 2],
    ['text after a closing quote', '# pxname,svname,status,type,\nbe,"s1"x,UP,2,\n\n', 2],
    ['a quote never closed', '# pxname,svname,status,type,\nbe,"s1,UP,2,\n\n', 2],
    ['a second reply glued on', '# pxname,svname,status,type,\nbe,s1,UP,2,\n\nbe,s2,UP,2,\n\n', 3],
  ])('%s', (_what, text, line) => {
    expect(parseError(text).line).toBe(line);
  });

  it('never throws anything but ParseError, wherever a reply is cut or a byte is damaged', () => {
    const text = fixture('2.6/seed-000/show-stat.txt');
    for (let at = 1; at < text.length - 2; at += 13) {
      // A cut right after a newline leaves whole lines: only the client's framing can tell it was cut.
      if (text[at - 1] !== '\n') expect(() => parseStat(text.slice(0, at))).toThrow(ParseError);
      const damaged = `${text.slice(0, at)}\u0000${text.slice(at + 1)}`;
      try {
        parseStat(damaged);
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
      }
    }
  });
});
