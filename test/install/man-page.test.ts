// lbtop(1) as man(1) renders it (man -l, groff warnings on): built by `npm run build` from the command line, the
// keymap and the exit codes, it must hold every option, command, key and exit code they define, say each the way
// --help and the help view do, and its examples must parse.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram, parseCommandLine } from '../../src/cli/args.js';
import { allCommands, commandTree } from '../../src/cli/command-tree.js';
import { EXIT_CODE_MEANINGS, EXIT_CODES_REPORTS } from '../../src/cli/exit-codes.js';
import { manPage } from '../../src/cli/man-page.js';
import { EXAMPLES } from '../../src/cli/man-text.js';
import { COMMANDS } from '../../src/keymap/bindings.js';
import { HELP_SECTIONS } from '../../src/keymap/help-sections.js';
import { keysOf } from '../../src/keymap/resolve.js';
import { ensureFreshBuild, ROOT } from '../e2e/fresh-build.js';

const PAGE = path.join(ROOT, 'man/lbtop.1');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; man: string[]; files: string[] };
const tree = commandTree(buildProgram(pkg.version, () => {}));
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the man page', () => {
  let text: string;
  beforeAll(() => {
    ensureFreshBuild();
    // Wide enough that nothing wraps; whitespace is compared collapsed anyway.
    const r = spawnSync('man', ['--warnings', '-l', PAGE], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '400', MAN_KEEP_FORMATTING: '' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    text = flat(r.stdout);
  });

  it('is what the build writes from the current sources, and npm installs it', () => {
    expect(readFileSync(PAGE, 'utf8')).toBe(manPage({ version: pkg.version, tree, commands: COMMANDS, sections: HELP_SECTIONS }));
    expect(pkg.man).toEqual(['man/lbtop.1']);
    expect(pkg.files).toContain('man');
    expect(text).toContain(`lbtop ${pkg.version}`);
  });

  it('lists every command with its usage and description, every option and argument', () => {
    const commands = allCommands(tree);
    expect(commands.length).toBeGreaterThan(30);
    for (const node of commands) {
      if (node.path.length) expect(text).toContain(flat(`${node.usage} ${node.description}`));
      for (const a of node.arguments) if (a.description) expect(text).toContain(flat(`${a.name} ${a.description}`));
      for (const o of node.options) if (node.path.length === 0 || o.flags !== '-h, --help') expect(text).toContain(flat(`${o.flags} ${o.description}`));
    }
  });

  it('lists every key of the keymap under its help section, as the help view shows it', () => {
    for (const def of COMMANDS) {
      expect(text).toContain(flat(`${keysOf(def)} ${def.description}`));
      for (const scope of def.scopes) {
        const title = HELP_SECTIONS.find((s) => s.scope === scope)?.title;
        expect(title, `${def.id}: scope ${scope} has a help section`).toBeDefined();
      }
    }
    // In the help view's order.
    const positions = HELP_SECTIONS.map((s) => text.indexOf(` ${s.title} `));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('gives every exit code, the files and an example of each kind that parses', () => {
    for (const [code, meaning] of EXIT_CODE_MEANINGS) expect(text).toContain(`${code} ${meaning}`);
    expect(text).toContain(EXIT_CODES_REPORTS);
    expect(text).toContain('~/.config/lbtop/config.yaml');
    for (const [argv] of EXAMPLES) {
      expect(text).toContain(`lbtop ${argv.join(' ')}`);
      expect(parseCommandLine(argv, pkg.version), argv.join(' ')).toMatchObject({ type: 'parsed' });
    }
  });
});
