// The layer rules of .dependency-cruiser.cjs bite: a small tree that breaks each rule once is cruised with the
// project's own config, and every rule must report its file. (`npm run lint` runs the same config over src/.)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

const FILES: Record<string, string> = {
  'src/model/types.ts': "import { paint } from '../ui/paint.js';\nexport const x = paint;\n",
  'src/ui/paint.ts': "export const paint = 1;\n",
  'src/store/state.tsx': "import { Text } from 'ink';\nexport const y = Text;\n",
  'src/actions/plan.ts': "import { spawn } from 'node:child_process';\nimport { screen } from '../ui/screen.js';\nexport const z = [spawn, screen];\n",
  'src/ui/screen.ts': "import { connect } from '../transport/link.js';\nexport const screen = connect;\n",
  'src/transport/link.ts': "import { parse } from '../sources/parse.js';\nexport const connect = parse;\n",
  'src/sources/parse.ts': "import { rows } from '../store/rows.js';\nexport const parse = rows;\n",
  'src/store/rows.ts': "import { plan } from '../actions/apply.js';\nexport const rows = plan;\n",
  'src/actions/apply.ts': "export const plan = 2;\n",
  // A parser that evaluates a request trace: the trace engine (src/trace/) sits above the sources.
  'src/sources/eval.ts': "import { trace } from '../trace/run.js';\nexport const evaluate = trace;\n",
  'src/trace/run.ts': "export const trace = 4;\n",
  'src/cli/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
  'src/cli/b.ts': "import { a } from './a.js';\nimport { lab } from '../lab/start.js';\nexport const b = () => [a, lab];\n",
  'src/lab/start.ts': "export const lab = 3;\n",
};

const EXPECTED: [rule: string, from: string][] = [
  ['model-imports-nothing', 'src/model/types.ts'],
  ['ink-and-react-only-in-ui', 'src/store/state.tsx'],
  ['processes-and-sockets-only-in-transport', 'src/actions/plan.ts'],
  ['actions-below-ui', 'src/actions/plan.ts'],
  ['ui-gets-services', 'src/ui/screen.ts'],
  ['transport-moves-bytes', 'src/transport/link.ts'],
  ['sources-parse-only', 'src/sources/parse.ts'],
  ['sources-parse-only', 'src/sources/eval.ts'],
  ['store-holds-state-only', 'src/store/rows.ts'],
  ['no-cycles', 'src/cli/a.ts'],
  ['labs-only-for-the-demo', 'src/cli/b.ts'],
];

const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-layers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('.dependency-cruiser.cjs', () => {
  it('reports a file that breaks each layer rule', () => {
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
    const out = execFileSync(path.join(ROOT, 'node_modules/.bin/depcruise'), ['src', '--config', path.join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
      cwd: dir,
      encoding: 'utf8',
      // depcruise exits non-zero when it finds violations, which is the point here.
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
    const violations = (JSON.parse(out).summary.violations as { rule: { name: string }; from: string }[]).map((v) => [v.rule.name, v.from]);
    for (const expected of EXPECTED) expect(violations).toContainEqual(expected);
  });
});
