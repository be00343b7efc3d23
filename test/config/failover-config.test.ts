import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

const base = (lb: string, extra = '') => `lbs:\n  lb1:\n    haproxy: { socket: /run/a.sock }\n${lb}\nclusters:\n  k8s01:\n    backends: [be]\n${extra}`;

describe('failover stack in lbtop.yaml', () => {
  it('takes the Debian defaults from `keepalived: true`, `bird: true`', () => {
    const { config, issues } = loadConfig(base('    keepalived: true\n    bird: true', '    vips: [10.0.0.5, cluster01-api-vip]'));
    expect(issues).toEqual([]);
    const lb = config!.lbs[0]!;
    expect(lb.failover).toEqual({
      sudo: false,
      keepalived: { conf: '/etc/keepalived/keepalived.conf', pidFile: '/run/keepalived.pid', dumpDir: '/tmp', reload: null, stop: null, start: null },
      bird: { socket: '/run/bird/bird.ctl', client: 'birdc' },
    });
    expect(config!.clusters[0]!.vips).toEqual(['10.0.0.5', 'cluster01-api-vip']);
  });

  it('reads every option of the three, and heartbeat node defaults to the LB name', () => {
    const { config, issues } = loadConfig(
      base(
        [
          '    sudo: true',
          '    keepalived: { conf: /etc/k.conf, pid_file: /run/k.pid, dump_dir: /run/k, reload: [systemctl, reload, keepalived], stop: [systemctl, stop, keepalived], start: [systemctl, start, keepalived] }',
          '    heartbeat: { ha_d: /srv/ha.d }',
          '    bird: { socket: /run/b.ctl, client: birdc6 }',
        ].join('\n'),
      ),
    );
    expect(issues).toEqual([]);
    const f = config!.lbs[0]!.failover!;
    expect(f.sudo).toBe(true);
    expect(f.keepalived).toMatchObject({ conf: '/etc/k.conf', pidFile: '/run/k.pid', dumpDir: '/run/k', reload: ['systemctl', 'reload', 'keepalived'] });
    expect(f.heartbeat).toEqual({ haD: '/srv/ha.d', node: 'lb1', toolsDir: '/usr/share/heartbeat' });
    expect(f.bird).toEqual({ socket: '/run/b.ctl', client: 'birdc6' });
  });

  it('an LB without any of them has no failover stack, and typos and relative paths are errors', () => {
    expect(loadConfig(base('')).config!.lbs[0]!.failover).toBeUndefined();
    const bad = loadConfig(base('    keepalived: { conf: etc/k.conf, pidfile: /run/k.pid }\n    bird: { socket: "" }'));
    expect(bad.issues.map((i) => i.path).sort()).toEqual(['lbs.lb1.bird.socket', 'lbs.lb1.keepalived.conf', 'lbs.lb1.keepalived.pidfile']);
    expect(loadConfig(base('    keepalived: { reload: [] }')).issues.map((i) => i.path)).toEqual(['lbs.lb1.keepalived.reload']);
  });
});
