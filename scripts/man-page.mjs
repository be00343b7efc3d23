// Writes man/lbtop.1 from the tsc output (run by `npm run build` after tsc): the man page is generated from the
// command line, keymap and exit codes the program itself uses (src/cli/man-page.ts), so it cannot drift from them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => import(path.join(root, 'dist', file));
const [{ buildProgram }, { commandTree }, { manPage }, { COMMANDS }, { HELP_SECTIONS }] = await Promise.all([
  dist('cli/args.js'),
  dist('cli/command-tree.js'),
  dist('cli/man-page.js'),
  dist('keymap/bindings.js'),
  dist('keymap/help-sections.js'),
]);
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const tree = commandTree(buildProgram(version, () => {}));
mkdirSync(path.join(root, 'man'), { recursive: true });
writeFileSync(path.join(root, 'man/lbtop.1'), manPage({ version, tree, commands: COMMANDS, sections: HELP_SECTIONS }));
