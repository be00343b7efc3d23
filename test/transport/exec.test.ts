import { describe, expect, it } from 'vitest';
import { TransportError, UnsafeArgumentError } from '../../src/model/errors.js';
import { localRunner } from '../../src/transport/exec.js';
import { shellJoin, shellQuote } from '../../src/transport/shell-quote.js';

describe('localRunner', () => {
  const runner = localRunner();

  it('returns stdout, stderr and a non-zero exit code as an answer', async () => {
    const result = await runner.run(['sh', '-c', 'printf "out\\n"; printf err >&2; exit 4']);
    expect(result).toEqual({ stdout: 'out\n', stderr: 'err', code: 4, signal: null });
  });

  it('feeds input on stdin', async () => {
    expect((await runner.run(['cat'], { input: 'a\nb\n' })).stdout).toBe('a\nb\n');
  });

  it('rejects a command that cannot start with a TransportError and a hint', async () => {
    const error = await runner.run(['lbtop-no-such-command']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).hint).toMatch(/install lbtop-no-such-command/);
  });

  it('rejects a command that overruns its timeout', async () => {
    await expect(runner.run(['sleep', '5'], { timeoutMs: 100 })).rejects.toThrow(/`sleep` did not finish within 100 ms/);
  });
});

describe('shellQuote', () => {
  // A real shell is the judge: every word must come back exactly, as one argument.
  it('round-trips awkward words through sh', async () => {
    const words = ['plain', '', "it's", 'a b', '$(reboot)', '`id`', '"q"', 'semi;colon', 'back\\slash', 'new\nline', '*', '~', '-n'];
    const result = await localRunner().run(['sh', '-c', `printf '%s\\0' ${shellJoin(words)}`]);
    expect(result.stdout.split('\0').slice(0, -1)).toEqual(words);
  });

  it('leaves safe words bare and refuses NUL', () => {
    expect(shellQuote('/run/haproxy/admin.sock')).toBe('/run/haproxy/admin.sock');
    expect(shellQuote('UNIX-CONNECT:/run/a.sock')).toBe('UNIX-CONNECT:/run/a.sock');
    expect(() => shellQuote('a\0b')).toThrow(UnsafeArgumentError);
  });
});
