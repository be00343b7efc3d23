// The process boundary faked as data (lazygit's way): expected argv → canned output, from recorded fixtures. The
// code under test (collectors, stores) is real; only the remote command is replaced. Unknown argv fail loudly.
import { readFileSync } from 'node:fs';
import type { CommandResult, CommandRunner } from '../../src/transport/exec.js';

export const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');

export type Answer = string | Partial<CommandResult> | ((argv: readonly string[]) => string | Partial<CommandResult>);

export function fixtureRunner(label: string, answers: Record<string, Answer>): CommandRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    label,
    calls,
    async run(argv) {
      calls.push([...argv]);
      const key = argv.join(' ');
      const found = Object.entries(answers).find(([k]) => key === k || (k.endsWith('*') && key.startsWith(k.slice(0, -1))));
      if (!found) throw new Error(`${label}: unexpected command: ${key}`);
      const a = typeof found[1] === 'function' ? found[1](argv) : found[1];
      const r = typeof a === 'string' ? { stdout: a } : a;
      return { stdout: '', stderr: '', code: 0, signal: null, ...r };
    },
  };
}

/** A keepalived host: pid file, signums, an mtime that changes once the signal was sent, the dump and the conf. */
export function keepalivedHost(label: string, files: { data?: string; json?: string; conf: string; addr: string }) {
  let signalled = 0;
  return fixtureRunner(label, {
    'cat /run/keepalived.pid': '4242\n',
    'keepalived --signum=DATA': files.data === undefined ? { code: 1, stderr: 'no' } : '10\n',
    'keepalived --signum=JSON': '36\n',
    'sh -c stat*': () => `${1000 + signalled}.000000000\n`,
    'kill -s *': () => ((signalled += 1), ''),
    'cat /tmp/keepalived.data': files.data ?? { code: 1, stderr: 'No such file' },
    'cat /tmp/keepalived.json': files.json ?? { code: 1, stderr: 'No such file' },
    'cat /etc/keepalived/keepalived.conf': files.conf,
    'ip -j addr': files.addr,
  });
}
