// One `sudo:` per LB: its own, else the old `routing.sudo` (deprecated, with a warning), else `defaults.sudo`.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

const lbs = (defaults: string, lines: string[]) =>
  `${defaults ? `defaults: { ${defaults} }\n` : ''}lbs:\n${lines.map((l, i) => `  lb${i + 1}: { haproxy: { socket: /run/${i}.sock }, bird: true${l ? `, ${l}` : ''} }`).join('\n')}\n`;

describe('sudo: one per LB host', () => {
  it('takes the LB own sudo, then the deprecated routing.sudo, then defaults.sudo', () => {
    const { config, issues } = loadConfig(lbs('sudo: true', ['', 'sudo: false', 'routing: { sudo: false }', 'sudo: true, routing: { sudo: false }']));
    expect(config!.lbs.map((lb) => [lb.name, lb.sudo === true, lb.failover?.sudo])).toEqual([
      ['lb1', true, true],
      ['lb2', false, false],
      ['lb3', false, false],
      ['lb4', true, true],
    ]);
    expect(issues.map((i) => [i.path, i.severity, i.message])).toEqual([
      ['lbs.lb3.routing.sudo', 'warning', 'routing.sudo is deprecated: write sudo: false on the LB (it applies to every command lbtop runs on its host)'],
      ['lbs.lb4.routing.sudo', 'warning', "routing.sudo is deprecated and ignored here: the LB's sudo: true applies to every command lbtop runs on its host"],
    ]);
  });

  it('reads routing.sudo: true alone as the LB sudo, for the failover stack too', () => {
    const { config, issues } = loadConfig(lbs('', ['routing: { sudo: true }', '']));
    expect(config!.lbs.map((lb) => [lb.sudo === true, lb.failover?.sudo])).toEqual([[true, true], [false, false]]);
    expect(issues.map((i) => i.severity)).toEqual(['warning']);
  });
});
