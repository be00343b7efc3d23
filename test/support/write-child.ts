// Child for host-files.test.ts: replaces FILE with NEW_SIZE bytes through hostFiles(localRunner()), printing
// "writing" just before, so the parent can kill -9 it mid-write.
import { readFileSync } from 'node:fs';
import { localRunner } from '../../src/transport/exec.js';
import { hostFiles } from '../../src/transport/host-files.js';

const [file, size] = process.argv.slice(2) as [string, string];
const old = readFileSync(file, 'utf8');
const text = 'k v\n'.repeat(Number(size) / 4);
process.stdout.write('writing\n');
await hostFiles(localRunner()).replace(file, text, { expected: old, backup: true });
process.stdout.write('done\n');
