// `show sess` and `show errors` as recorded from HAProxy 2.6.12 and 3.0.11 (fixtures/haproxy-sessions/): the same
// sessions read the same from both versions' short and detailed forms, and the captures of rejected requests and
// responses come out newest first with their error position.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CommandRejectedError } from '../../../src/model/errors.js';
import { errorMark, parseShowErrors, unescape } from '../../../src/sources/haproxy/errors/parse-show-errors.js';
import { formatAge, parseHumanTime } from '../../../src/sources/haproxy/sessions/human-time.js';
import { parseShowSess } from '../../../src/sources/haproxy/sessions/parse-show-sess.js';
import { filteredShowSess, filtersOnServer, matches } from '../../../src/sources/haproxy/sessions/read-sessions.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/haproxy-sessions/${name}`, import.meta.url), 'utf8');
const traffic = (text: string) => parseShowSess(text).sessions.filter((s) => !s.cli);

describe.each(['2.6', '3.0'])('show sess from HAProxy %s', (v) => {
  it('reads the short form: one HTTP session per worker, one TCP session, the CLI apart', () => {
    const { sessions, problems } = parseShowSess(fixture(`${v}/show-sess.txt`));
    expect(problems).toEqual([]);
    expect(sessions.filter((s) => s.cli)).toHaveLength(1);
    expect(traffic(fixture(`${v}/show-sess.txt`)).map((s) => [s.frontend, s.backend, s.server, s.proto, s.state]).sort()).toEqual([
      ['api', 'k8s_api_backend', 'controlplane1', 'tcpv4', 'EST/EST'],
      ['web', 'k8s_http_backend', 'worker1', 'tcpv4', 'EST/EST'],
      ['web', 'k8s_http_backend', 'worker2', 'tcpv4', 'EST/EST'],
    ]);
    for (const s of traffic(fixture(`${v}/show-sess.txt`))) {
      expect(s.id).toMatch(/^0x[0-9a-f]+$/);
      expect(s.client).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(s.ageSec).toBeGreaterThanOrEqual(1);
      expect(s.bytesIn).toBeNull();
    }
  });

  it('reads the detailed form with the byte counts and the server address, the same sessions as the short form', () => {
    const short = traffic(fixture(`${v}/show-sess.txt`));
    const all = traffic(fixture(`${v}/show-sess-all.txt`));
    expect(all.map((s) => s.id).sort()).toEqual(short.map((s) => s.id).sort());
    const api = all.find((s) => s.frontend === 'api')!;
    // The TCP client sent "hello api\n" (10 bytes), echoed back by the holding backend.
    expect([api.bytesIn, api.bytesOut]).toEqual([10, 10]);
    expect(api.serverAddr).toMatch(/^127\.0\.0\.1:\d+$/);
    for (const s of all) expect(s.state).toBe('EST/EST');
    expect(parseShowSess(fixture(`${v}/show-sess-id.txt`)).sessions.map((s) => s.id)).toEqual([api.id]);
  });

  it('says HAProxy refused when the reply holds no session', () => {
    expect(() => parseShowSess(fixture(`${v}/show-sess-unknown-id.txt`))).toThrow(CommandRejectedError);
    expect(() => parseShowSess('Permission denied\n\n')).toThrow(/Permission denied/);
  });

  it('after `shutdown session` and `shutdown sessions server`, only worker2 remains', () => {
    expect(traffic(fixture(`${v}/show-sess-after-shutdown.txt`)).map((s) => s.server)).toEqual(['worker2']);
    expect(fixture(`${v}/shutdown-session.txt`)).toBe('\n');
    expect(fixture(`${v}/shutdown-sessions-server.txt`)).toBe('\n');
    expect(fixture(`${v}/shutdown-session-unknown.txt`)).toMatch(/^No such session/);
    expect(fixture(`${v}/shutdown-sessions-server-unknown.txt`)).toMatch(/^No such server/);
  });

  it('reads show errors newest first, with where the parser stopped', () => {
    const { total, captures, problems } = parseShowErrors(fixture(`${v}/show-errors.txt`));
    expect(problems).toEqual([]);
    expect(total).toBe(3);
    expect(captures.map((c) => [c.event, c.direction, c.proxy, c.server])).toEqual([
      [2, 'response', 'k8s_bad_backend', 'worker9'],
      [1, 'request', 'bad_web', null],
      [0, 'request', 'web', null],
    ]);
    const web = captures[2]!;
    expect(web.bytes).toBe('GET /bad path HTTP/1.1\r\nhost: lab\r\nBad Header\r\n\r\n');
    expect(web.bytes.slice(web.errorAt!)).toMatch(/^path /);
    expect(web.parserState).toBe('MSG_RQVER(6)');
    // A wrapped line (`+`) joins its bytes; the control byte is column 2 of its printed line, after "x-".
    const long = captures[1]!;
    expect(long.lines.map((l) => l.continued)).toEqual([false, true, false, false, false]);
    expect(long.bytes.charCodeAt(long.errorAt!)).toBe(1);
    expect(errorMark(long)).toEqual({ line: 3, column: 2 });
    expect(long.lines[3]!.text.slice(2)).toMatch(/^\\x01/);
    expect(parseShowErrors(fixture(`${v}/show-errors-empty.txt`))).toEqual({ total: 0, captures: [], problems: [] });
  });
});

describe('the pieces', () => {
  it('reads human_time back to seconds, and writes ages', () => {
    expect(['0s', '59s', '1m58s', '2h', '1d2h', '?', '', undefined].map(parseHumanTime)).toEqual([0, 59, 118, 7200, 93600, null, null, null]);
    expect([5, 65, 7260, 93600, null].map(formatAge)).toEqual(['5s', '1m05s', '2h01m', '1d2h', '?']);
  });

  it('undoes dump_text_line escapes', () => {
    expect(unescape('a\\r\\n\\t\\e\\\\\\x01\\xff')).toBe('a\r\n\t\x1b\\\x01\xff');
  });

  it('lets HAProxy filter from 3.2 on, and filters itself before', () => {
    expect(['2.6.12-1+deb12u4', '3.0.11-1+deb13u4', '3.1.5', '3.2.0', '3.3-dev1', null].map(filtersOnServer)).toEqual([false, false, false, true, true, false]);
    expect(filteredShowSess('3.2.4', { backend: 'be', server: 's 1' })).toBe('show sess all server be/s\\ 1');
    expect(filteredShowSess('3.2.4', { backend: 'be' })).toBe('show sess all backend be');
    expect(filteredShowSess('3.0.11', { backend: 'be' })).toBeNull();
    expect(filteredShowSess('3.2.4', {})).toBeNull();
    const s = traffic(fixture('3.0/show-sess.txt')).find((x) => x.server === 'worker1')!;
    expect([matches(s, {}), matches(s, { backend: 'k8s_http_backend' }), matches(s, { backend: 'k8s_http_backend', server: 'worker2' })]).toEqual([true, true, false]);
  });
});
