// The demo without a live lab: recorded `show` replies of HAProxy 2.6.12 (fixtures/demo), read-only, and the banner
// says so (and why).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditLog } from '../../../src/actions/audit-log.js';
import { formatDrift } from '../../../src/actions/drift-text.js';
import { formatFleetTrace } from '../../../src/actions/trace-text.js';
import { prepareReplayDir } from '../../../src/lab/replay-dir.js';
import type { LbtopConfig } from '../../../src/model/config.js';
import { packagePath } from '../../../src/package-root.js';
import { startDemo } from '../../../src/cli/demo.js';
import { createMapsDeps } from '../../../src/runtime/maps-runtime.js';
import { createMapsServices } from '../../../src/runtime/maps-ui-services.js';
import { readCerts } from '../../../src/sources/haproxy/ssl-cert.js';
import { buildFleet } from '../../../src/store/selectors.js';
import { replayApi } from '../../../src/transport/replay.js';

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

  it('replays the map editor\'s views: seed 000\'s maps where the config uses them, the certificates, the drift, a trace', async () => {
    const demo = await startDemo(FLAGS, { LBTOP_DEMO_REPLAY: '1' });
    const root = path.dirname(path.dirname(demo.config.lbs[0]!.haproxyHost!.config!));
    try {
      expect(demo.hint).toBe('read-only, try: 7 Enter a map · 8 drift vs disk · 9 expiring cert · ? help');
      const services = createMapsServices(createMapsDeps(demo.config, demo.runtime.clients, openAuditLog(null)));
      const homelab = (await services.readPatterns()).find((p) => p.lb === 'homelab')!;
      expect(homelab.maps.map((m) => [path.relative(root, m.file), m.entries.length, m.uses.map((u) => `${u.proxy} ${u.via}`)])).toEqual([
        ['homelab/maps/hosts.map', 7, ['default map_dom']],
        ['homelab/maps/routes.map', 2, ['www map_beg']],
      ]);
      const certs = await services.readCerts();
      expect(certs.map((c) => [path.basename(c.file), c.used])).toEqual([
        ['k8s01-dev.example.net.pem', true], ['k8s01.example.net.pem', true], ['k8s02-dev.example.net.pem', true],
      ]);
      expect(certs.find((c) => c.file.endsWith('k8s02-dev.example.net.pem'))!.daysLeft).toBe(3);
      const drift = formatDrift(await services.readDrift());
      expect(drift).toContain('whoami.k8s01.example.net');
      expect(drift).toMatch(/lb-1.*k8s-http-ingress\/ingress2/);
      const trace = formatFleetTrace(await services.trace('nginx.k8s02-dev.example.net', false));
      expect(trace).toMatch(/default → https_k8s02_dev_backend/);
    } finally {
      demo.runtime.stop();
      await demo.stop();
    }
    expect(existsSync(root)).toBe(false);
  });

  it('loops its frames without an HAProxy that looks restarted: the uptime counts on across the loop', async () => {
    const fixtures = packagePath('fixtures', 'demo');
    let clock = 1_000_000;
    const api = replayApi(fixtures, 'homelab', () => clock);
    const frames = readdirSync(path.join(fixtures, 'homelab')).filter((f) => f.endsWith('-info.txt')).length;
    const uptimes: number[] = [];
    for (let second = 0; second < 2 * frames + 1; second += 1) {
      clock = 1_000_000 + second * 1000;
      uptimes.push(Number(/^Uptime_sec: (\d+)$/m.exec(await api.send('show info'))![1]));
    }
    expect(frames).toBeGreaterThan(1);
    expect(uptimes.slice(1).every((u, i) => u === uptimes[i]! + 1)).toBe(true);
  });

  it('keeps each certificate\'s days left as recorded, however long ago that was', async () => {
    const fixtures = packagePath('fixtures', 'demo');
    const files = prepareReplayDir(fixtures);
    try {
      const recordedAt = Date.parse(readFileSync(path.join(fixtures, 'RECORDED'), 'utf8').trim());
      const later = recordedAt + 200 * 86_400_000;
      const api = replayApi(fixtures, 'homelab', () => later, { root: files.dir, recordedAt });
      const days = (await readCerts(api, 'homelab', later)).map((c) => [path.basename(c.file), c.daysLeft]);
      expect(days).toEqual([['k8s01-dev.example.net.pem', 44], ['k8s01.example.net.pem', 79], ['k8s02-dev.example.net.pem', 3]]);
    } finally {
      files.stop();
    }
  });

  it('falls back to the replay when the live lab cannot start (no openssl on PATH), and the banner says why', async () => {
    const saved = process.env.PATH;
    const bare = mkdtempSync(path.join(os.tmpdir(), 'lbtop-no-openssl-'));
    process.env.PATH = bare; // haproxy is still found in /usr/sbin; openssl (/usr/bin) is not
    let demo;
    try {
      demo = await startDemo(FLAGS, {});
    } finally {
      process.env.PATH = saved;
      rmSync(bare, { recursive: true, force: true });
    }
    try {
      expect(demo.banner).toMatch(/^DEMO REPLAY: recorded fixtures, the live lab did not start: .*openssl.*ENOENT.* \(read-only\)$/);
      expect(demo.config.readOnly).toBe(true);
    } finally {
      demo.runtime.stop();
      await demo.stop();
    }
  });
});
