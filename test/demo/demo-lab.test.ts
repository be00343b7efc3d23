import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startDemoLab } from '../../src/lab/demo-lab.js';
import { rawCommand } from '../../src/lab/haproxy-process.js';

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
    } finally {
      await lab.stop();
    }
    expect(existsSync(lab.dir)).toBe(false);
  });
});
