// Reading and replacing small text files (map and ACL files, haproxy.cfg) on an LB, locally or over SSH, through
// the same CommandRunner: one POSIX sh script, so what the tests prove locally is what runs on a remote host.
//
// A replace is atomic and guarded:
//   1. the file must still hash to what the caller read (else exit 75: someone else edited it: nothing written);
//   2. the new text goes to a temp file in the same directory (same filesystem, so rename is atomic);
//   3. the temp file must hash to the text we meant to send: if lbtop dies mid-transfer, `cat` sees EOF on a
//      cut stream, and without this check the script would go on to rename a truncated file into place;
//   4. fsync the temp file, keep the old file as FILE.lbtop-bak (a hard link: the exact old inode), rename,
//      fsync the directory. Mode and owner are copied from the old file.
// A symlinked file (maps kept in a git checkout, /etc/haproxy/maps -> /srv/...) is written through: the whole
// chain is resolved on the host (`readlink -f`), and the temp file, the rename and the backup all happen beside
// the final target. Renaming over the link itself would turn it into a regular file, and leave the backup as
// the link, still pointing at the file that now holds the new text.
import { createHash } from 'node:crypto';
import { FileChangedError, TransportError } from '../model/errors.js';
import type { CommandRunner } from './exec.js';
import { READ } from './read-script.js';

export interface HostFiles {
  readonly label: string;
  /** Set by the read-only gate (actions/write-gate.ts): replace always refuses. */
  readonly readOnly?: boolean;
  /** The file's text; `exists: false` (and empty text) when there is no such file. */
  read(file: string): Promise<{ text: string; exists: boolean }>;
  /** Replaces the file atomically; `expected` is the text read before (null: the file must not exist). */
  replace(file: string, text: string, options: { expected: string | null; backup: boolean }): Promise<{ backup: string | null }>;
}

export { FileChangedError };

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** The backup of a file that is not a symlink; replace() returns the real one (beside a symlink's target). */
export const backupPath = (file: string) => `${file}.lbtop-bak`;

export { READ };

const REPLACE = `set -u
link=$1; expect=$2; want=$3; backup=$4
f=$(readlink -f -- "$link") && [ -n "$f" ] || exit 72
d=$(dirname -- "$f")
hash() { sha256sum | cut -d' ' -f1; }
if [ "$expect" = absent ]; then [ -e "$f" ] && exit 75
else [ -f "$f" ] || exit 75; [ "$(hash < "$f")" = "$expect" ] || exit 75; fi
tmp=$(mktemp -- "$d/.$(basename -- "$f").lbtop.XXXXXX") || exit 73
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp" || exit 74
[ "$(hash < "$tmp")" = "$want" ] || exit 74
if [ -e "$f" ]; then chmod --reference="$f" -- "$tmp" 2>/dev/null; chown --reference="$f" -- "$tmp" 2>/dev/null; fi
sync -- "$tmp" || exit 73
if [ "$backup" = 1 ] && [ -e "$f" ]; then
  ln -f -- "$f" "$f.lbtop-bak" 2>/dev/null || cp -p -- "$f" "$f.lbtop-bak" || exit 73
fi
if [ "$expect" != absent ] && [ "$(hash < "$f")" != "$expect" ]; then exit 75; fi
mv -f -- "$tmp" "$f" || exit 73
trap - EXIT
sync -- "$d" 2>/dev/null
printf '%s\\n' "$f"
exit 0`;

export function hostFiles(runner: CommandRunner): HostFiles {
  return {
    label: runner.label,
    async read(file) {
      const result = await runner.run(['sh', '-c', READ, 'sh', file]);
      if (result.code === 66) return { text: '', exists: false };
      if (result.code !== 0) throw new TransportError(`${runner.label}: cannot read ${file}: ${result.stderr.trim() || `exit ${result.code}`}`);
      return { text: result.stdout, exists: true };
    },
    async replace(file, text, options) {
      const expect = options.expected === null ? 'absent' : sha256(options.expected);
      const argv = ['sh', '-c', REPLACE, 'sh', file, expect, sha256(text), options.backup ? '1' : '0'];
      const result = await runner.run(argv, { input: text });
      if (result.code === 75) throw new FileChangedError(file);
      if (result.code === 74) throw new TransportError(`${runner.label}: the new ${file} arrived incomplete; the old file is untouched`);
      if (result.code === 72) throw new TransportError(`${runner.label}: cannot resolve ${file} (a directory on its way is missing, or a symlink loops)`);
      if (result.code !== 0) throw new TransportError(`${runner.label}: cannot write ${file}: ${result.stderr.trim() || `exit ${result.code}`}`);
      const target = result.stdout.replace(/\n$/, '') || file;
      return { backup: options.backup && options.expected !== null ? backupPath(target) : null };
    },
  };
}
