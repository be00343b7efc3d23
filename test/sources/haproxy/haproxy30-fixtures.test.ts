// HAProxy 3.0.11 (Debian 13) recordings beside 2.6.12's (fixtures/haproxy/3.0 and 2.6, the same scenarios by
// record.ts): what lbtop reads from them is the same server by server. 3.0's `show stat` has 77 more columns
// (srid … proto before "-", then the h3/quic modules' counters), which the header-driven parser passes over;
// the status and weight columns, `show servers state` and the admin state derived from them agree in every
// state recorded: UP, DOWN (L4CON), MAINT, DRAIN, config-`disabled`, a runtime weight, an L7STS 503.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adminStateOf, statusLabel } from '../../../src/sources/haproxy/admin-state.js';
import { parseInfo } from '../../../src/sources/haproxy/parse-info.js';
import { parseServersState } from '../../../src/sources/haproxy/parse-servers-state.js';
import { parseStat } from '../../../src/sources/haproxy/parse-stat.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/haproxy/${name}`, import.meta.url), 'utf8');

/** What lbtop shows and acts on per server, without the counters and ages that differ between two runs. */
function servers(version: string, scenario: string) {
  const states = parseServersState(fixture(`${version}/${scenario}/show-servers-state.txt`));
  return parseStat(fixture(`${version}/${scenario}/show-stat.txt`)).filter((r) => r.kind === 'server').map((r) => {
    const state = states.get(`${r.proxy}/${r.name}`) ?? null;
    return {
      id: `${r.proxy}/${r.name}`, status: r.status, label: statusLabel(r), weight: r.weight, act: r.act, bck: r.bck,
      check: r.checkStatus, code: r.checkCode, addr: r.addr, admin: adminStateOf(r, state),
      state: state && [state.opState, state.adminState, state.userWeight, state.initialWeight, state.checkResult],
    };
  });
}

describe('HAProxy 3.0 recordings against 2.6 ones of the same scenarios', () => {
  it.each(['seed-000', 'seed-003', 'http-check'])('%s: every server reads the same', (scenario) => {
    const v30 = servers('3.0', scenario);
    expect(v30.length).toBeGreaterThan(0);
    expect(v30).toEqual(servers('2.6', scenario));
  });

  it('the weight column of DOWN, MAINT, DRAIN and disabled servers is the same as 2.6\'s (seed 000)', () => {
    const byId = new Map(servers('3.0', 'seed-000').map((s) => [s.id, s]));
    expect(['k3s-backend/controlplane3', 'https_k8s01_dev_backend/worker1'].map((id) => [byId.get(id)!.status, byId.get(id)!.weight])).toEqual([['DOWN', 1], ['DOWN', 1]]);
    expect([byId.get('k8s_http_lb_backend/worker1')!.status, byId.get('k8s_http_lb_backend/worker1')!.weight]).toEqual(['MAINT', 1]);
    expect([byId.get('k8s_https_lb_backend/worker2')!.status, byId.get('k8s_https_lb_backend/worker2')!.weight]).toEqual(['DRAIN', 1]);
    expect(byId.get('k3s-backend/controlplane2')!.weight).toBe(50);
  });

  it('3.0 adds columns that the parser passes over by name', () => {
    const header = fixture('3.0/seed-003/show-stat.txt').split('\n')[0]!.slice(2).split(',');
    const header26 = fixture('2.6/seed-003/show-stat.txt').split('\n')[0]!.slice(2).split(',');
    expect(header.length - header26.length).toBe(77);
    expect(header.slice(header.indexOf('agg_check_status') + 1, header.indexOf('-'))).toEqual(['srid', 'sess_other', 'h1sess', 'h2sess', 'h3sess', 'req_other', 'h1req', 'h2req', 'h3req', 'proto']);
    expect(header).toContain('quic_sent_pkt');
  });

  it('show info: 3.0 names itself, and its renamed and added fields do not disturb the parser', () => {
    const info = parseInfo(fixture('3.0/seed-003/show-info.txt'));
    expect(info.version).toBe('3.0.11-1+deb13u4');
    expect(info.raw['TotalSplicedBytesOut']).toBeDefined();
    expect(parseInfo(fixture('2.6/seed-003/show-info.txt')).raw['TotalSplicdedBytesOut']).toBeDefined();
  });
});
