// Fuzz: keepalived's data dump, JSON dump and keepalived.conf (each through the redactor first, as collect.ts
// reads them), the redactor alone, and `--signum`, on mutations of the 2.2.7 recordings and seed configs.
import { describe, it } from 'vitest';
import { parseSignum } from '../../src/sources/keepalived/commands.js';
import { parseKeepalivedConf } from '../../src/sources/keepalived/conf.js';
import { parseKeepalivedData } from '../../src/sources/keepalived/data.js';
import { parseKeepalivedJson } from '../../src/sources/keepalived/json.js';
import { redactKeepalived } from '../../src/sources/keepalived/redact.js';
import { expectRobust, TIMEOUT_MS, type Target } from './run.js';

const K = 'keepalived/';
const DATA = [`${K}data-v2.2.7-lb-0.txt`, `${K}data-v2.2.7-lb-1.txt`];
const JSON_DUMPS = [`${K}json-v2.2.7-lb-0.json`, `${K}json-v2.2.7-lb-1.json`];
const CONFS = [`${K}keepalived-lb-0.conf`, `${K}keepalived-lb-1.conf`, 'seeds/000/keepalived.conf', 'seeds/002/lb-0/keepalived.conf'];

export const TARGETS: Target[] = [
  { name: 'parseKeepalivedData', fixtures: DATA, parse: (t) => parseKeepalivedData(redactKeepalived(t)), runs: 7000 },
  { name: 'parseKeepalivedJson', fixtures: JSON_DUMPS, parse: (t) => parseKeepalivedJson(redactKeepalived(t)), json: true, runs: 5000 },
  { name: 'parseKeepalivedConf', fixtures: CONFS, parse: (t) => parseKeepalivedConf(redactKeepalived(t)), runs: 6000 },
  { name: 'redactKeepalived', fixtures: [...DATA, ...JSON_DUMPS, ...CONFS], parse: redactKeepalived, runs: 5000 },
  { name: 'parseSignum', fixtures: [`${K}VERSION`], parse: (t) => [parseSignum(t), parseSignum('10\n')], runs: 2000 },
];

describe('fuzz: keepalived', () => {
  for (const target of TARGETS) it(`${target.name}: ${target.runs} inputs`, () => void expectRobust(target), TIMEOUT_MS);
});
