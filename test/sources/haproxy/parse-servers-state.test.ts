import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors.js';
import { SrvAdmin, SrvOp } from '../../../src/model/haproxy.js';
import { parseServersState } from '../../../src/sources/haproxy/parse-servers-state.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/haproxy/${name}`, import.meta.url), 'utf8');

function parseError(text: string): ParseError {
  try {
    parseServersState(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  throw new Error('parsed without error');
}

describe('parseServersState on recordings of HAProxy 2.6', () => {
  const seed000 = parseServersState(fixture('2.6/seed-000/show-servers-state.txt'));

  it('keys every server by backend/server', () => {
    expect(seed000.size).toBe(23);
    expect([...seed000.keys()].slice(0, 3)).toEqual(['k3s-backend/controlplane1', 'k3s-backend/controlplane2', 'k3s-backend/controlplane3']);
  });

  it('reads a server whose check fails', () => {
    expect(seed000.get('k3s-backend/controlplane3')).toEqual({
      backendId: 6, backend: 'k3s-backend', serverId: 3, server: 'controlplane3', address: '127.0.64.93',
      opState: SrvOp.STOPPED, adminState: 0, userWeight: 1, initialWeight: 1,
      secondsSinceChange: expect.any(Number), checkStatus: 8, checkResult: 2, checkHealth: 0, checkState: 6,
      agentState: 0, port: 1, fqdn: '',
    });
  });

  it('shows admin states: drain and maint set at runtime, `disabled` in the config', () => {
    expect(seed000.get('k8s_https_lb_backend/worker2')).toMatchObject({ adminState: SrvAdmin.FDRAIN, opState: SrvOp.RUNNING });
    expect(seed000.get('k8s_http_lb_backend/worker1')).toMatchObject({ adminState: SrvAdmin.FMAINT, opState: SrvOp.STOPPED });
    // HAProxy 2.6 marks a `disabled` server both CMAINT and FMAINT.
    expect(seed000.get('k8s_http_lb_backend/worker3')?.adminState).toBe(SrvAdmin.CMAINT | SrvAdmin.FMAINT);
    expect(seed000.get('k3s-backend/controlplane2')).toMatchObject({ userWeight: 50, initialWeight: 1 });
  });

  it('reads "-" (a unix-socket server has no address) as ""', () => {
    expect(seed000.get('k3s-backend/controlplane1')).toMatchObject({ address: '', port: 0, fqdn: '' });
  });

  it('reads all 10,000 servers of the generated config', () => {
    const servers = parseServersState(fixture('2.6/gen-10k/show-servers-state.txt'));
    expect(servers.size).toBe(10_000);
    expect(servers.get('be_0100/srv10000')).toMatchObject({ address: '127.0.0.1', port: 19999, opState: SrvOp.RUNNING });
  });

  it('reads the 1.8 header (ends at srv_port) and the 1.6 one (no port: null)', () => {
    expect(parseServersState(fixture('derived/show-servers-state.v1.8.txt')).get('api-backend/master3')).toMatchObject({ address: '127.0.64.43', port: 1, fqdn: '' });
    const old = parseServersState(fixture('derived/show-servers-state.v1.6.txt'));
    expect(old.get('api-backend/master2')).toMatchObject({ adminState: SrvAdmin.FDRAIN, port: null, fqdn: '' });
  });
});

describe('parseServersState refuses malformed replies with the line number', () => {
  it.each([
    ['truncated mid-line', 'derived/show-servers-state.truncated.txt', 4, /truncated/],
    ['a row missing its last field', 'derived/show-servers-state.short-row.txt', 5, /row has 24 fields, the header has 25/],
    ['a word where a number belongs', 'derived/show-servers-state.non-numeric.txt', 3, /srv_op_state: not a number: "up"/],
    ['no header line', 'derived/show-servers-state.no-header.txt', 2, /header/],
    ["HAProxy's refusal", '2.6/replies/unknown-command.txt', 1, /version line/],
  ])('%s', (_what, file, line, message) => {
    const error = parseError(fixture(file));
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
  });

  it('refuses a header without srv_name, and an empty reply', () => {
    expect(parseError('1\n# be_id be_name\n\n').line).toBe(2);
    expect(parseError('\n').line).toBe(1);
  });
});
