// Issue 11: `acl evil hdr(host) -m reg ^(a+)+$` froze lbtop (trace, the TUI's :trace, and with them every poll)
// for 13 s on a 28-character Host, as JavaScript's backtracking RegExp ran it; HAProxy answered in 0.02 s. The
// trace runs in a worker thread here only so that an engine that never ends fails the test instead of hanging it.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

const CONFIG = [
  'defaults', '    mode http',
  'frontend fe', '    bind :80',
  '    acl evil hdr(host) -m reg ^(a+)+$',
  '    use_backend be_evil if evil',
  '    default_backend be_default',
  'backend be_evil', 'backend be_default', '',
].join('\n');

interface Answer { host: string; ms: number; backend: string; certain: boolean }

function traceInWorker(config: string, hosts: string[], limitMs: number): Promise<Answer[]> {
  const worker = new Worker(new URL('./trace-in-worker.mjs', import.meta.url), { workerData: { config, hosts } });
  const answers: Answer[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`no answer within ${limitMs} ms (answered so far: ${JSON.stringify(answers)})`));
    }, limitMs);
    worker.on('message', (answer: Answer) => {
      answers.push(answer);
      if (answers.length === hosts.length) {
        clearTimeout(timer);
        void worker.terminate();
        resolve(answers);
      }
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

describe('hostile regexes in bounded time', () => {
  it('^(a+)+$ on a 10,000-character Host is answered in under 100 ms, and right', async () => {
    // The first trace warms the engine's code up, as the running TUI has; it is not timed.
    const hosts = ['aa!', `${'a'.repeat(10_000)}!`, 'a'.repeat(10_000), `${'a'.repeat(27)}!`];
    const [, ...answers] = await traceInWorker(CONFIG, hosts, 10_000);
    expect(answers.map((a) => [a.host, a.backend, a.certain])).toEqual([
      ['aaaa…(10001)', 'be_default', true],
      ['aaaa…(10000)', 'be_evil', true],
      ['aaaaaaaaaaaaaaaaaaaaaaaaaaa!', 'be_default', true],
    ]);
    for (const a of answers) expect(a.ms, a.host).toBeLessThan(100);
  });

  it('a match PCRE2 would give up on is uncertain, not a confident backend', async () => {
    // HAProxy 2.6.12 routes this Host to be_default: PCRE2 stops at its match limit (pcre-live.test.ts).
    const config = CONFIG.replace('^(a+)+$', '(x+x+)+y|z');
    const [answer] = await traceInWorker(config, [`${'x'.repeat(30)}z`], 10_000);
    expect(answer!.certain).toBe(false);
    expect(answer!.ms).toBeLessThan(1000);
  });
});
