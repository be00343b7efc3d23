// Fuzz: the stick-table and peers parsers on mutations (cut, garbled, huge lines…) of replies recorded from HAProxy
// 2.6 and 3.0 (fixtures/haproxy-tables/). Each input parses or throws ParseError / CommandRejectedError, fast.
import { describe, it } from 'vitest';
import { CommandRejectedError } from '../../src/model/errors.js';
import { parsePeers } from '../../src/sources/haproxy/tables/parse-peers.js';
import { parseTableDump, parseTableList } from '../../src/sources/haproxy/tables/parse-table.js';
import { peersProblems } from '../../src/sources/haproxy/tables/peers-sync.js';
import { expectRobust, TIMEOUT_MS, type Target } from './run.js';

const both = (name: string) => ['2.6', '3.0'].map((v) => `haproxy-tables/${v}/${name}.txt`);
const rejected = [CommandRejectedError];

const TARGETS: Target[] = [
  { name: 'parseTableList', fixtures: both('lb-a-show-table'), parse: parseTableList, errors: rejected, runs: 2000 },
  {
    name: 'parseTableDump',
    fixtures: [...both('lb-a-show-table-per_client'), ...both('lb-a-show-table-rl_src'), ...both('lb-a-key-alice'), ...both('lb-a-filter-gpc-index')],
    parse: (text) => parseTableDump(text),
    errors: rejected,
    runs: 3000,
  },
  {
    name: 'parsePeers',
    fixtures: [...both('lb-a-show-peers'), ...both('lb-a-broken-show-peers'), ...both('lb-a-peer-stopped-show-peers')],
    parse: (text) => peersProblems(parsePeers(text)),
    errors: rejected,
    runs: 3000,
  },
];

describe('fuzz: stick tables and peers', () => {
  for (const target of TARGETS) it(`${target.name}: ${target.runs} inputs`, () => void expectRobust(target), TIMEOUT_MS);
});
