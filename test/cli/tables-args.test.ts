// `lbtop tables`, `lbtop tables clear`, `lbtop peers`: what parses, what is refused, and read-only.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseArgs, parseCommandLine } from '../../src/cli/args.js';

const parse = (argv: string[]) => parseCommandLine(argv);

describe('lbtop tables / peers arguments', () => {
  it('tables [TABLE] with --filter, --key, --lb, --compare, --json', () => {
    expect(parse(['tables'])).toMatchObject({ type: 'parsed', invocation: { kind: 'tables', table: null, filter: null, compare: false, json: false } });
    expect(parse(['tables', 'lbpeers/rl_src', '--filter', 'data.gpc0_rate(10000) ge 3', '--lb', 'lb-0', '--json'])).toMatchObject({
      lbRefs: ['lb-0'],
      invocation: { kind: 'tables', table: 'lbpeers/rl_src', filter: 'data.gpc0_rate(10000) ge 3', lbs: ['lb-0'], json: true },
    });
    expect(parse(['tables', 'per_client', '--compare'])).toMatchObject({ invocation: { kind: 'tables', table: 'per_client', compare: true } });
    for (const bad of [['tables', '--compare'], ['tables', '--key', 'x'], ['tables', 't', '--filter', 'data.gpc0 like 3'], ['tables', 'a;b']]) {
      expect(parse(bad), bad.join(' ')).toMatchObject({ type: 'exit', code: 2 });
    }
  });

  it('tables clear TABLE --key K with --dry-run or --yes; peers', () => {
    expect(parse(['tables', 'clear', 'per_client', '--key', 'alice', '--dry-run'])).toMatchObject({
      invocation: { kind: 'tables-clear', table: 'per_client', key: 'alice', dryRun: true, yes: false },
    });
    expect(parse(['tables', 'clear', 'per_client', '--key', 'a b', '--yes', '--lb', 'lb-1'])).toMatchObject({ lbRefs: ['lb-1'], invocation: { key: 'a b', yes: true, lbs: ['lb-1'] } });
    expect(parse(['tables', 'clear', 'per_client'])).toMatchObject({ type: 'exit', code: 2 });
    expect(parse(['tables', 'clear', 'per_client', '--key', 'x', '--yes', '--dry-run'])).toMatchObject({ type: 'exit', code: 2 });
    expect(parse(['peers', '--json'])).toMatchObject({ invocation: { kind: 'peers', lbs: [], json: true } });
  });

  it('read-only: tables clear only with --dry-run; reads go', async () => {
    const ctx = { env: {}, home: os.tmpdir(), cwd: new URL('../..', import.meta.url).pathname };
    const run = (line: string[]) => parseArgs(['-c', 'examples/failover.yaml', ...line], ctx);
    expect(await run(['-n', 'tables', 'clear', 'per_client', '--key', 'alice', '--yes'])).toMatchObject({ type: 'exit', code: 2, stderr: expect.stringContaining('read-only') });
    expect(await run(['-n', 'tables', 'clear', 'per_client', '--key', 'alice', '--dry-run'])).toMatchObject({ type: 'run' });
    expect(await run(['-n', 'peers'])).toMatchObject({ type: 'run' });
  });
});
