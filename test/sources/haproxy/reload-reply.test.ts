// The master CLI's `reload` replies as recorded (fixtures/haproxy/<version>/replies, by record.ts): 2.6 says
// nothing, 3.0 `Success=1` or `Success=0` with the startup log; 3.1's refusal while a reload is in progress is
// the text of mworker.c (cli_parse_reload), written here by hand: no 3.1 binary is available to record it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReloadReply, reloadLogSummary } from '../../../src/sources/haproxy/reload-reply.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/haproxy/${name}`, import.meta.url), 'utf8');

describe('parseReloadReply', () => {
  it('2.6: the master closes without a word, both when the reload works and when it fails', () => {
    expect(parseReloadReply(fixture('2.6/replies/master-cli-reload.txt'))).toEqual({ kind: 'silent' });
    expect(parseReloadReply(fixture('2.6/replies/master-cli-reload-failed.txt'))).toEqual({ kind: 'silent' });
  });

  it('3.0: Success=1 with the startup log', () => {
    const reply = parseReloadReply(fixture('3.0/replies/master-cli-reload.txt'));
    expect(reply.kind).toBe('success');
    if (reply.kind !== 'success') return;
    expect(reply.log.some((l) => /Loading success/.test(l))).toBe(true);
  });

  it('3.0: Success=0 with the ALERTs of the config that failed, which the summary keeps', () => {
    const reply = parseReloadReply(fixture('3.0/replies/master-cli-reload-failed.txt'));
    expect(reply.kind).toBe('failure');
    if (reply.kind !== 'failure') return;
    const summary = reloadLogSummary(reply.log);
    expect(summary).toMatch(/^ALERT: config : parsing \[\S+haproxy\.cfg:21\] : unknown keyword 'no-such-keyword' in 'backend' section \| ALERT: /);
    expect(summary).not.toContain('NOTICE');
  });

  it('3.1+: a reload refused while another one is in progress', () => {
    expect(parseReloadReply('Success=0\n--\nAnother reload is still in progress.\n\n')).toEqual({ kind: 'in-progress', log: ['Another reload is still in progress.'] });
  });

  it('anything else is passed on whole, for the worker pid to decide', () => {
    expect(parseReloadReply('Unknown command: reload\n')).toEqual({ kind: 'unknown', text: 'Unknown command: reload' });
  });
});
