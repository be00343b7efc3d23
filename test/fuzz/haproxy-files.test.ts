// Fuzz: haproxy.cfg (with the map/ACL file uses read from it) and map/ACL files, on mutations of the recorded lab
// and seed configs. A pattern file also round-trips: whatever it holds, writing back what was read gives the same
// text, since an edit must change only the entries it touches.
import { describe, expect, it } from 'vitest';
import { parseHaproxyConfig } from '../../src/sources/haproxy/config/parse.js';
import { parseEntryList } from '../../src/sources/haproxy/maps/file-edit.js';
import { parsePatternFile, serializePatternFile } from '../../src/sources/haproxy/maps/map-file.js';
import { patternUses } from '../../src/sources/haproxy/maps/usage.js';
import { expectRobust, TIMEOUT_MS, type Target } from './run.js';

const CONFIGS = ['haproxy-routing/haproxy.cfg', 'seeds/000/haproxy.cfg', 'seeds/001/haproxy.cfg', 'seeds/002/haproxy.cfg', 'seeds/003/haproxy.cfg', 'seeds/004/default-app-port-1-scaled.cfg', 'haproxy/2.6/seed-000/haproxy.cfg', 'haproxy/2.6/http-check/haproxy.cfg'];
const MAPS = ['haproxy-routing/maps/hosts.map', 'haproxy-routing/maps/tricky.map', 'haproxy-routing/maps/edge.map', 'haproxy-routing/maps/routes.map', 'seeds/000/maps/hosts.map', 'seeds/000/maps/routes.map'];

function roundTrip(text: string, kind: 'map' | 'acl') {
  const file = parsePatternFile(text, kind);
  if (serializePatternFile(file) !== text) throw new Error('a pattern file did not round-trip');
  return file;
}

export const TARGETS: Target[] = [
  { name: 'parseHaproxyConfig + patternUses', fixtures: CONFIGS, parse: (t) => patternUses(parseHaproxyConfig(t)), runs: 9000 },
  { name: 'parsePatternFile (map)', fixtures: MAPS, parse: (t) => roundTrip(t, 'map'), runs: 4000 },
  { name: 'parsePatternFile (acl)', fixtures: ['haproxy-routing/maps/internal.acl', ...MAPS.slice(0, 2)], parse: (t) => roundTrip(t, 'acl'), runs: 3000 },
  { name: 'parseEntryList', fixtures: MAPS, parse: (t) => [parseEntryList(t, 'map'), parseEntryList(t, 'acl')], runs: 3000 },
];

describe('fuzz: haproxy.cfg and pattern files', () => {
  for (const target of TARGETS) it(`${target.name}: ${target.runs} inputs`, () => void expectRobust(target), TIMEOUT_MS);

  it('round-trips a pattern file', () => {
    const text = 'a b\r\n#c\n  \n\u2028 x\0y\n';
    expect(serializePatternFile(parsePatternFile(text, 'map'))).toBe(text);
  });
});
