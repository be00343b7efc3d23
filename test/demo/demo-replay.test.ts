// The demo without a live lab: recorded `show` replies of HAProxy 2.6.12 (fixtures/demo), read-only, and the banner
// says so (and why).
import { describe, expect, it } from 'vitest';
import type { LbtopConfig } from '../../src/model/config.js';
import { startDemo } from '../../src/runtime/demo.js';
import { buildFleet } from '../../src/store/selectors.js';

const FLAGS = { lbs: [], clusters: [], intervalSec: 2, readOnly: false, theme: 'dark' } as unknown as LbtopConfig;

describe('demo replay', () => {
  it('replays the recorded fleet read-only, and the banner says replay and why', async () => {
    const demo = await startDemo(FLAGS, { LBTOP_DEMO_REPLAY: '1' });
    try {
      expect(demo.banner).toBe('DEMO REPLAY: recorded fixtures, LBTOP_DEMO_REPLAY=1 (read-only)');
      expect(demo.config.readOnly).toBe(true);
      await demo.runtime.refresh();
      const fleet = buildFleet(demo.config, demo.runtime.store.getState().lbs);
      expect(fleet.lbs.map((lb) => [lb.name, lb.ok, lb.version])).toEqual([
        ['homelab', true, '2.6.12-1+deb12u4'],
        ['lb-0', true, '2.6.12-1+deb12u4'],
        ['lb-1', true, '2.6.12-1+deb12u4'],
      ]);
      const k8s01 = fleet.clusters.find((c) => c.name === 'k8s01')!;
      expect(k8s01.backends.map((b) => b.name)).toContain('k3s-backend');
      expect(k8s01.backends.flatMap((b) => b.servers).some((s) => s.perLb.homelab?.row.status === 'DOWN')).toBe(true);
    } finally {
      demo.runtime.stop();
      await demo.stop();
    }
  });

  it('answers the TUI\'s focused polls (proxies and the first backends\' servers, then one backend\'s) like HAProxy would', async () => {
    const demo = await startDemo(FLAGS, { LBTOP_DEMO_REPLAY: '1' });
    try {
      demo.runtime.focus(new Set(['k3s-backend']));
      await demo.runtime.refresh(undefined, { full: false });
      const first = demo.runtime.store.getState().lbs.get('homelab')!;
      expect(first.health.ok).toBe(true);
      expect(first.snapshot!.serversPending).toBe(true);
      const firstServers = first.snapshot!.stats.filter((r) => r.kind === 'server');
      expect(new Set(firstServers.map((r) => r.proxy)).size).toBeLessThanOrEqual(2);
      await demo.runtime.refresh(undefined, { full: false });
      await demo.runtime.refresh(undefined, { full: false });
      const later = demo.runtime.store.getState().lbs.get('homelab')!;
      expect(later.health.ok).toBe(true);
      expect(later.snapshot!.stats.filter((r) => r.proxy === 'k3s-backend' && r.kind === 'server').length).toBeGreaterThan(0);
      expect(later.snapshot!.stats.filter((r) => r.kind === 'server').length).toBeGreaterThan(firstServers.length);
      const api = demo.runtime.clients.get('homelab')!;
      const servers = await api.send('show servers state k3s-backend');
      expect(servers.split('\n').filter((l) => /^\d+ /.test(l)).every((l) => l.split(' ')[1] === 'k3s-backend')).toBe(true);
    } finally {
      demo.runtime.stop();
      await demo.stop();
    }
  });
});
