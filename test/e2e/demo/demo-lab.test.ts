import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startDemoLab } from '../../../src/lab/demo-lab.js';
import { rawCommand } from '../../../src/lab/haproxy-process.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('demo lab', () => {
  it('runs three real HAProxy processes with traffic and some servers down, and cleans up', async () => {
    const lab = await startDemoLab({ trafficPerSecond: 60 });
    try {
      expect(lab.haproxies.map((h) => h.name)).toEqual(['homelab', 'lb-0', 'lb-1']);
      await wait(3500); // checks: inter 1s, fall 2
      const stat = await rawCommand(lab.haproxies[0]!.socket, 'show stat');
      expect(stat).toMatch(/^k3s-backend,controlplane3,.*,DOWN,/m);
      expect(stat).toMatch(/^k3s-backend,controlplane1,.*,UP,/m);
      const pair = await rawCommand(lab.haproxies[1]!.socket, 'show stat');
      const frontendTotal = Number(/^http,FRONTEND,(?:[^,]*,){5}(\d+),/m.exec(pair)?.[1]);
      expect(frontendTotal).toBeGreaterThan(0);
      // What the incident views show, made by the lab itself (demo-pair-extras.ts, demo-traffic.ts):
      const [lb0, lb1] = [lab.haproxies[1]!.socket, lab.haproxies[2]!.socket];
      // the pair's peers are connected, so lb-1's rate-limit table learnt the noisy client lb-0 alone sees;
      expect(await rawCommand(lb0, 'show peers')).toMatch(/id=lb-1\(remote,active\).*last_status=ESTA/);
      expect(await rawCommand(lb1, 'show table http')).toMatch(/key=198\.51\.100\.66 .*http_req_rate\(10000\)=\d+/);
      // it is refused with 429 on lb-0;
      expect(Number(/^http,FRONTEND,(?:[^,]*,){40}(\d+),/m.exec(await rawCommand(lb0, 'show stat'))?.[1])).toBeGreaterThan(0); // hrsp_4xx
      // long sessions hold the ingress servers (a drain waits for them);
      expect((await rawCommand(lb0, 'show sess')).match(/be=k8s-http-ingress srv=ingress\d/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
      // a malformed request was refused and captured;
      expect(await rawCommand(lb0, 'show errors')).toMatch(/frontend http \(#\d+\): invalid request[\s\S]*error at position \d+/);
      // seed 004's pods sit inside the prefixes the demo's BIRD node speakers announce.
      expect(pair).toMatch(/^default-app-port-1,SRV_1,/m);
      expect(await rawCommand(lb0, 'show servers state default-app-port-1')).toMatch(/ SRV_1 172\.16\.171\.67 /);
    } finally {
      await lab.stop();
    }
    expect(existsSync(lab.dir)).toBe(false);
  });
});
