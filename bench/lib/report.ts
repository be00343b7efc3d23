// Markdown and JSON output, written to bench/results/<timestamp>-<scenario>.{md,json} (gitignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function markdownTable(header: string[], rows: string[][]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const line = (cells: string[]) => `| ${cells.map(escape).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function writeResults(dir: string, scenario: string, markdown: string, data: unknown): { md: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  const base = path.join(dir, `${stamp}-${scenario}`);
  writeFileSync(`${base}.md`, `${markdown}\n`);
  writeFileSync(`${base}.json`, `${JSON.stringify(data, replacer, 2)}\n`);
  return { md: `${base}.md`, json: `${base}.json` };
}

// Sets (volatile screen lines) are not JSON; write them as sorted arrays.
function replacer(_key: string, value: unknown): unknown {
  return value instanceof Set ? [...value].sort((a, b) => a - b) : value;
}
