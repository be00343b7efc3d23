// Fuzz: the audit log as history reads it back (audit-read.ts, history.ts, undo-plan.ts), on mutations of a log
// recorded by test/e2e/history-undo.test.ts (fixtures/lbtop/audit.jsonl). Lines cut, doubled, glued and filled
// with bytes; and, as JSON, every field of a record replaced by any JSON value or removed. Whatever the file
// holds, reading it gives records, entries and an undo answer, never an exception, in bounded time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { readAuditLog } from '../../src/actions/audit-read.js';
import { groupHistory } from '../../src/actions/history.js';
import { planUndo } from '../../src/actions/undo-plan.js';
import type { Fleet } from '../../src/model/fleet.js';
import { fixture } from './mutate.js';
import { expectRobust, TIMEOUT_MS, type Target } from './run.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-fuzz-audit-'));
const file = path.join(dir, 'audit.jsonl');
/** Two LBs, both answering, holding nothing: undo plans against it leave every server out, and must say so. */
const FLEET: Fleet = { clusters: [], lbs: [{ name: 'lb1', ok: true }, { name: 'lb2', ok: true }] as Fleet['lbs'] };

function history(text: string) {
  writeFileSync(file, text);
  const { records } = readAuditLog(file);
  return groupHistory(records).map((entry) => planUndo(entry, FLEET));
}

/** The log as one JSON array, so the json mutations reach inside records; written back one record a line. */
function asLines(text: string): string {
  try {
    const doc: unknown = JSON.parse(text);
    return Array.isArray(doc) ? doc.map((r) => JSON.stringify(r) ?? 'undefined').join('\n') + '\n' : text;
  } catch {
    return text;
  }
}

const LOG = 'lbtop/audit.jsonl';
/** The fixture's whole records (its hostile and torn lines are for the line target). */
const ARRAY = fixture(LOG).trim().split('\n').flatMap((l) => {
  try {
    return [JSON.parse(l) as unknown];
  } catch {
    return [];
  }
});

export const TARGETS: Target[] = [
  { name: 'audit log lines', fixtures: [LOG], parse: history, runs: 2000 },
  { name: 'audit log records', fixtures: ['array'], texts: { array: JSON.stringify(ARRAY, null, 2) }, json: true, parse: (t) => history(asLines(t)), runs: 1500 },
];

describe('fuzz: the audit log read back as history', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const target of TARGETS) it(`${target.name}: ${target.runs} inputs`, () => void expectRobust(target), TIMEOUT_MS);
});
