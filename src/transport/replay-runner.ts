// Replays a host's recorded command outputs (fixtures/demo-failover/<lb>.json, recorded from the real keepalived and
// BIRD of the rootless demo lab) for the demo where that lab cannot run. An argv recorded with several answers gets
// them in turn, so keepalived's dump-file mtime changes between the look before and after the signal as it did
// live. The demo wraps this in the read-only gate (actions/write-gate.ts): nothing but reads ever reaches it.
import { readFileSync } from 'node:fs';
import type { CommandResult, CommandRunner } from './exec.js';

export type Recording = Record<string, Partial<CommandResult>[]>;

export const recordingKey = (argv: readonly string[]) => argv.join(' ');

export function loadRecording(file: string): Recording {
  return JSON.parse(readFileSync(file, 'utf8')) as Recording;
}

export function replayRunner(label: string, recording: Recording): CommandRunner {
  const turn = new Map<string, number>();
  return {
    label,
    async run(argv) {
      const key = recordingKey(argv);
      const answers = recording[key];
      if (!answers?.length) return { stdout: '', stderr: `${label}: \`${key.slice(0, 80)}\` was not recorded\n`, code: 127, signal: null };
      const i = turn.get(key) ?? 0;
      turn.set(key, (i + 1) % answers.length);
      return { stdout: '', stderr: '', code: 0, signal: null, ...answers[i] };
    },
  };
}
