// The VIPS and BGP views on recorded keepalived/BIRD state (fixtures/keepalived, fixtures/bird) in the real
// FailoverStore, with the real planners behind a fake of the services boundary that records what would be applied.
import { describe, expect, it } from 'vitest';
import { planBgp, type BgpPlan } from '../../src/actions/failover/bgp.js';
import { applyLbBatch, planLbBack, planLbBatch } from '../../src/actions/failover/lb-batch.js';
import type { FailoverPlan, FailoverReport } from '../../src/actions/failover/types.js';
import { planVipMove } from '../../src/actions/failover/vip-move.js';
import { loadConfig } from '../../src/config/load.js';
import { collectBird } from '../../src/sources/bird/collect.js';
import { parseKeepalivedConf } from '../../src/sources/keepalived/conf.js';
import { parseKeepalivedData } from '../../src/sources/keepalived/data.js';
import { redactKeepalived } from '../../src/sources/keepalived/redact.js';
import { parseIpAddrJson } from '../../src/sources/netlink/ip-addr.js';
import { buildKeymap } from '../../src/keymap/resolve.js';
import { FailoverStore } from '../../src/store/failover-store.js';
import { helpLines } from '../../src/ui/panels/help/help-lines.js';
import type { FailoverServices } from '../../src/ui/failover/failover-services.js';
import { fixture, fixtureRunner } from '../support/fixture-runner.js';
import { demoStore, fakeServices, KEYS, NOW, renderApp } from './helpers.js';

const configFor = (lbs: string[]) => loadConfig(`lbs:
  lb-0: { haproxy: { socket: /run/0.sock }, keepalived: true, bird: true }
${lbs.slice(1).map((lb, i) => `  ${lb}: { haproxy: { socket: /run/${i + 1}.sock }, keepalived: true }\n`).join('')}clusters:
  cluster01: { backends: [api], vips: [cluster01-api-vip] }
`).config!;

/**
 * A third LB, when asked for, is a second reading of lb-1's recorded BACKUP (it holds no VIP either). `healthy`
 * clears the recorded FAULT of lb-1's cluster02-api-vip (its tracked script failed), so every VIP of lb-0 can move.
 */
async function failoverServices(lbs = ['lb-0', 'lb-1'], healthy = false) {
  const failoverConfig = configFor(lbs);
  const store = new FailoverStore(lbs.map((name) => ({ name, sources: name === 'lb-0' ? ['keepalived', 'bird', 'addresses'] : ['keepalived', 'addresses'] })), { clusters: failoverConfig.clusters });
  const data = (lb: string) => {
    const text = fixture(`keepalived/data-v2.2.7-${lb}.txt`);
    return healthy && lb === 'lb-1' ? text.replace(/(State|Wantstate) = FAULT/g, '$1 = BACKUP') : text;
  };
  for (const lb of lbs) {
    const from = lb === 'lb-0' ? 'lb-0' : 'lb-1';
    const confText = redactKeepalived(fixture(`keepalived/keepalived-${from}.conf`));
    store.recordSuccess(lb, 'keepalived', { pid: 7, dump: 'DATA', runtime: parseKeepalivedData(data(from)), config: parseKeepalivedConf(confText), confError: null, confText });
    store.recordSuccess(lb, 'addresses', parseIpAddrJson(fixture(`ip/addr-${from}.json`)));
  }
  const bird = await collectBird(fixtureRunner('lb-0', {
    'birdc -v -r -s /run/bird/bird.ctl show protocols': fixture('bird/2.0.12-v-show-protocols.txt'),
    'birdc -v -r -s /run/bird/bird.ctl show protocols all': fixture('bird/2.0.12-v-show-protocols-all-bgp1.txt'),
  }), { socket: '/run/bird/bird.ctl', client: 'birdc' });
  store.recordSuccess('lb-0', 'bird', bird);
  const applied: (FailoverPlan | BgpPlan)[] = [];
  const wayBacks: FailoverReport[] = [];
  const ctx = () => ({ config: failoverConfig, hosts: store.getState().hosts, vips: store.getState().vips, fleet: null });
  const apply = async (plan: FailoverPlan): Promise<FailoverReport> => (applied.push(plan), { plan, steps: [], ok: true, moveMs: 3100, holders: [plan.to], verified: true, detail: `${plan.vip} is on ${plan.to} after 3100 ms; ${plan.to} says MASTER`, undo: [{ kind: 'restore-file', lb: 'lb-0', path: '/etc/keepalived/lb-0/maint', text: '0\n', expected: '1\n', check: false, why: 'back' }] });
  const services: FailoverServices = {
    getState: () => store.getState(),
    subscribe: (l) => store.subscribe(l),
    planMove: async (request) => planVipMove(ctx(), request),
    apply,
    planLbMove: async (lb, request) => planLbBatch(ctx(), lb, request),
    applyLbBatch: (batch, note) => applyLbBatch(batch, { context: async () => ctx(), apply, note }),
    lbWayBack: async (done, reports) => planLbBack(ctx(), done, reports),
    wayBack: async (report) => (wayBacks.push(report), null),
    planBgp: async (lb, protocol, action, reason) => planBgp(lb, { socket: '/run/bird/bird.ctl', client: 'birdc' }, bird, action, protocol, reason),
    applyBgp: async (plan) => (applied.push(plan), { plan, ok: true, reply: '0009-bgp1: disabled', after: null, detail: 'bgp1 is down' }),
  };
  return { services, applied, wayBacks };
}

async function app(readOnly = false, lbs?: string[], healthy = false) {
  const clock = { now: NOW };
  const f = await failoverServices(lbs, healthy);
  const { services } = fakeServices({ store: demoStore(clock), clock, readOnly });
  return { ...f, ui: await renderApp({ ...services, failover: f.services }, { columns: 160, rows: 30 }) };
}

describe('VIPS and BGP views', () => {
  it('V shows every VIP with each LB state and priority, the kernel holder, and the owner in the header', async () => {
    const { ui } = await app();
    expect(ui.lines()[0]).toContain('VIP cluster01 10.99.0.200@lb-0');
    await ui.press('V');
    const frame = ui.frame();
    expect(frame).toContain('V-VIPS');
    expect(frame).toMatch(/10\.99\.0\.200\s+cluster01-api-vip\s+cluster01\s+MASTER 102\s+BACKUP 73\s+lb-0\s+held/);
    expect(frame).toMatch(/10\.99\.0\.210\s+cluster02-api-vip\s+-\s+MASTER 100\s+FAULT 101\s+lb-0/);
    expect(frame).toContain('failover');
  });

  it('f previews the move and applies only once the cluster name is typed; R offers the way back', async () => {
    const { ui, applied, wayBacks } = await app();
    await ui.press('V', 'F');
    expect(ui.frame()).toContain('PREVIEW: move cluster01-api-vip (10.99.0.200) from lb-0 to lb-1');
    expect(ui.frame()).toMatch(/lb-0\s+MASTER\s+102\s+52\s+BACKUP/);
    expect(ui.frame()).toContain('write /etc/keepalived/lb-0/maint: 1');
    await ui.press(KEYS.enter);
    expect(applied).toEqual([]);
    await ui.type('cluster0');
    await ui.press(KEYS.enter);
    expect(applied).toEqual([]);
    await ui.type('1');
    await ui.press(KEYS.enter);
    await ui.press(KEYS.esc.slice(0, 0)); // let the apply promise settle
    expect(applied.map((p) => p.title)).toEqual(['move cluster01-api-vip (10.99.0.200) from lb-0 to lb-1']);
    expect(ui.frame()).toContain('DONE: move cluster01-api-vip');
    expect(ui.frame()).toContain('VIP move time: 3100 ms');
    await ui.press('R');
    expect(wayBacks).toHaveLength(1);
  });

  it('f without F refuses when the standby HAProxy cannot be checked, and says why', async () => {
    const { ui, applied } = await app();
    await ui.press('V', 'f');
    expect(ui.frame()).toMatch(/REFUSED: lb-1's HAProxy does not have every backend of cluster01 UP/);
    await ui.type('cluster01');
    await ui.press(KEYS.enter);
    expect(applied).toEqual([]);
  });

  it('B lists BIRD protocols with route counts; x asks a reason, previews, and needs the protocol name', async () => {
    const { ui, applied } = await app();
    await ui.press('B');
    expect(ui.frame()).toMatch(/lb-0\s+bgp1\s+BGP\s+up\s+\S+\s+2\s+0\s+Established/);
    await ui.press(KEYS.down, KEYS.down); // bgp1 is the third protocol
    expect(ui.frame()).toMatch(/lb-0\s+bgp1/);
    await ui.press('x');
    expect(ui.frame()).toContain('reason');
    await ui.type('kernel upgrade');
    await ui.press(KEYS.enter);
    expect(ui.frame()).toContain('birdc -v -s /run/bird/bird.ctl disable bgp1 "kernel upgrade"');
    await ui.type('bgp1');
    await ui.press(KEYS.enter);
    expect(applied.map((p) => p.title)).toEqual(['disable bgp1 on lb-0: kernel upgrade']);
  });

  it('read-only removes the failover keys', async () => {
    const { ui, applied } = await app(true);
    await ui.press('V', 'f');
    expect(ui.frame()).toMatch(/READ-ONLY/);
    expect(applied).toEqual([]);
  });

  it('m refuses the whole LB when one of its VIPs cannot move, and says which', async () => {
    const { ui, applied } = await app();
    await ui.press('V', 'M');
    expect(ui.frame()).toContain('PREVIEW: move every VIP of lb-0 to lb-1 — nothing has been changed');
    expect(ui.frame()).toContain('refused — Esc closes');
    await ui.press(KEYS.pgdn, KEYS.pgdn, KEYS.pgdn);
    expect(ui.frame()).toMatch(/REFUSED: cluster02-api-vip: /);
    await ui.type('lb-0');
    await ui.press(KEYS.enter);
    expect(applied).toEqual([]);
  });

  it('m moves every VIP of the selected row\'s holder as one batch: LB name to confirm, then the way back in reverse', async () => {
    const { ui, applied } = await app(false, undefined, true);
    await ui.press('V', 'M');
    expect(ui.frame()).toContain('PREVIEW: move every VIP of lb-0 to lb-1 — nothing has been changed');
    expect(ui.frame()).toContain('Step 1/2: move cluster01-api-vip (10.99.0.200) from lb-0 to lb-1');
    expect(ui.frame()).toContain('type "lb-0" and Enter');
    await ui.type('cluster01');
    await ui.press(KEYS.enter);
    expect(applied).toEqual([]);
    for (let i = 0; i < 'cluster01'.length; i++) await ui.press(KEYS.backspace);
    await ui.type('lb-0');
    await ui.press(KEYS.enter);
    await ui.press(KEYS.esc.slice(0, 0));
    expect(applied.map((p) => p.title)).toEqual([
      'move cluster01-api-vip (10.99.0.200) from lb-0 to lb-1',
      'move cluster02-api-vip (10.99.0.210) from lb-0 to lb-1',
    ]);
    expect(ui.frame()).toContain('DONE: move every VIP of lb-0 to lb-1');
    await ui.press('R');
    expect(ui.frame()).toContain('PREVIEW: the way back: every VIP moved off lb-0');
    await ui.type('lb-0');
    await ui.press(KEYS.enter);
    await ui.press(KEYS.esc.slice(0, 0));
    expect((applied.slice(2) as FailoverPlan[]).map((p) => [p.kind, p.instance])).toEqual([['vip-back', 'cluster02-api-vip'], ['vip-back', 'cluster01-api-vip']]);
  });

  it('with three LBs, Tab in the preview plans the move again for the next LB (the typed word starts over)', async () => {
    const { ui, applied } = await app(false, ['lb-0', 'lb-1', 'lb-2']);
    await ui.press('V', 'F');
    expect(ui.frame()).toContain('move cluster01-api-vip (10.99.0.200) from lb-0 to lb-1');
    expect(ui.frame()).toContain('Target: lb-1   Tab: next target (lb-1, lb-2)');
    await ui.type('clus');
    await ui.press(KEYS.tab);
    // lb-2 is a copy of lb-1: equal priority, and lb-1's higher address wins every election, so the planner refuses.
    expect(ui.frame()).toContain('PREVIEW: move cluster01-api-vip (10.99.0.200) from lb-0 to lb-2');
    expect(ui.frame()).toContain('REFUSED: no method moves 10.99.0.200 to lb-2');
    expect(ui.frame()).toContain('refused — Esc closes, Tab tries the next target');
    await ui.press(KEYS.tab);
    expect(ui.frame()).toContain('PREVIEW: move cluster01-api-vip (10.99.0.200) from lb-0 to lb-1');
    expect(ui.frame()).toContain('type "cluster01" and Enter to send, Esc cancels: ▏');
    await ui.type('cluster01');
    await ui.press(KEYS.enter);
    await ui.press(KEYS.esc.slice(0, 0));
    expect((applied as FailoverPlan[]).map((p) => p.to)).toEqual(['lb-1']);
    await ui.press(KEYS.esc, 'M');
    expect(ui.frame()).toContain('PREVIEW: move every VIP of lb-0 to lb-1');
    expect(ui.frame()).toContain('Target: lb-1   Tab: next target (lb-1, lb-2)');
    await ui.press(KEYS.tab);
    expect(ui.frame()).toContain('PREVIEW: move every VIP of lb-0 to lb-2');
  });

  it('help lists the LB move and the target key, generated from the keymap; read-only lists them as disabled', () => {
    const text = (readOnly: boolean) => helpLines(buildKeymap({ readOnly })).map((l) => l.map((s) => s.text).join('')).join('\n');
    expect(text(false)).toMatch(/VIPS and BGP[^]*\n {2}m {18}Move all VIPs the selected VIP's holder holds alone/);
    expect(text(false)).toMatch(/Preview that asks for a word[^]*\n {2}Tab {16}VIP\/LB move: plan the preview again for the next candidate LB/);
    expect(text(true)).toMatch(/Disabled by --read-only[^]*\n {2}M {18}Move every VIP of the holder/);
  });
});
