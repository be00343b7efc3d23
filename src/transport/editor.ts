// $VISUAL / $EDITOR on a temp file, synchronously: the editor owns the terminal until it exits and nothing of
// lbtop runs meanwhile (pollers included), so no frame is drawn over it. The caller leaves the alternate screen
// and raw mode before, and takes them back after.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execaSync } from 'execa';

export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.VISUAL || env.EDITOR || 'vi';
}

/** The edited text, or null when the editor could not run or exited non-zero (nothing is applied then). */
export function editInEditor(text: string, name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lbtop-edit-'));
  const file = path.join(dir, name.replace(/[^A-Za-z0-9._-]/g, '_'));
  try {
    writeFileSync(file, text, { mode: 0o600 });
    // The editor may carry arguments ("code -w", "emacs -nw"): split on blanks like git does for simple cases.
    const [bin, ...args] = editorCommand(env).split(/\s+/).filter(Boolean);
    const result = execaSync(bin!, [...args, file], { stdio: 'inherit', reject: false, env });
    if (result.exitCode !== 0) return null;
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
