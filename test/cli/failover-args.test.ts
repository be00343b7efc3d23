import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import os from 'node:os';
import { parseArgs, parseCommandLine } from '../../src/cli/args.js';
import { loadConfig } from '../../src/config/load.js';

const parse = (line: string) => parseCommandLine(line.split(' ').filter(Boolean));

describe('lbtop vip / bgp arguments', () => {
  it('vip status [--json]', () => {
    expect(parse('vip status')).toMatchObject({ type: 'parsed', invocation: { kind: 'vip-status', json: false } });
    expect(parse('vip status --json')).toMatchObject({ invocation: { kind: 'vip-status', json: true } });
  });

  it('vip move VIP|INSTANCE --to LB with --dry-run or --yes, --method, --force, --back; the LB is checked against the config', () => {
    expect(parse('vip move 10.0.0.5 --to lb2 --dry-run')).toMatchObject({
      type: 'parsed', lbRefs: ['lb2'],
      invocation: { kind: 'vip-move', target: '10.0.0.5', to: 'lb2', dryRun: true, yes: false, force: false, back: false },
    });
    expect(parse('vip move VI_1 --to lb2 --yes --method priority --force --back --json')).toMatchObject({
      invocation: { kind: 'vip-move', target: 'VI_1', method: 'priority', yes: true, force: true, back: true, json: true },
    });
    for (const bad of ['vip move VI_1', 'vip move VI_1 --to lb2 --dry-run --yes', 'vip move VI_1 --to lb2 --method reboot', 'vip move a;b --to lb2']) {
      expect(parse(bad), bad).toMatchObject({ type: 'exit', code: 2 });
    }
  });

  it('bgp disable|enable HOST PROTOCOL --reason', () => {
    expect(parse('bgp disable ingress-1 bgp1 --reason maintenance --yes')).toMatchObject({
      lbRefs: ['ingress-1'],
      invocation: { kind: 'bgp', action: 'disable', lb: 'ingress-1', protocol: 'bgp1', reason: 'maintenance', yes: true, dryRun: false },
    });
    expect(parse('bgp enable ingress-1 bgp1 --reason done --dry-run')).toMatchObject({ invocation: { action: 'enable', dryRun: true } });
    expect(parse('bgp disable ingress-1 bgp1')).toMatchObject({ type: 'exit', code: 2 });
  });

  it('read-only allows vip move and bgp only with --dry-run; an unknown --to LB is refused', async () => {
    const ctx = { env: {}, home: os.tmpdir(), cwd: new URL('../..', import.meta.url).pathname };
    const run = (line: string) => parseArgs(['-c', 'examples/failover.yaml', ...line.split(' ')], ctx);
    expect(await run('-n vip move VI_1 --to lb-1 --yes')).toMatchObject({ type: 'exit', code: 2, stderr: expect.stringContaining('read-only') });
    expect(await run('-n bgp disable ingress-1 bgp1 --reason x --yes')).toMatchObject({ type: 'exit', code: 2 });
    expect(await run('-n vip move VI_1 --to lb-1 --dry-run')).toMatchObject({ type: 'run' });
    expect(await run('vip move VI_1 --to lb-9 --dry-run')).toMatchObject({ type: 'exit', stderr: expect.stringContaining('unknown LB lb-9') });
  });

  it('examples/failover.yaml loads without any issue', () => {
    const { config, issues } = loadConfig(readFileSync(new URL('../../examples/failover.yaml', import.meta.url), 'utf8'));
    expect(issues).toEqual([]);
    expect(config!.lbs.map((lb) => [lb.name, Object.keys(lb.failover ?? {}).sort().join(',')])).toEqual([
      ['lb-0', 'keepalived,sudo'],
      ['lb-1', 'keepalived,sudo'],
      ['ingress-1', 'bird,sudo'],
    ]);
    expect(config!.lbs[1]!.failover!.keepalived!.reload).toEqual(['systemctl', 'reload', 'keepalived']);
    expect(config!.clusters[0]!.vips).toEqual(['VI_1']);
  });
});
