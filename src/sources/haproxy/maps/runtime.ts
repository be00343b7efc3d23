// Replies of the runtime API about maps and ACLs (HAProxy src/map.c, recorded from 2.6 in
// fixtures/haproxy-routing/replies):
//   show map | show acl   "# id (file) description" then one row per pattern reference:
//     16 (/etc/haproxy/maps/hosts.map) pattern loaded from file '...' used by map at file '...' line 37. curr_ver=0 next_ver=0 entry_cnt=9
//     0 () acl 'hdr' file '/etc/haproxy/haproxy.cfg' line 19. curr_ver=0 next_ver=0 entry_cnt=1
//   show map FILE          "0x55c8820a0ef0 key value" (the value runs to the end of the line)
//   show acl FILE          "0x55c882068b80 pattern"
//   prepare map|acl FILE   "New version created: 1"
import { CommandRejectedError, ParseError } from '../../../model/errors.js';
import type { PatternEntry, PatternRef } from '../../../model/maps.js';

const REF_ROW = /^(\d+) \((.*?)\) (.*?)(?: curr_ver=(\d+) next_ver=(\d+) entry_cnt=(\d+))?$/;
const REF = /^(0x[0-9a-f]+) /;
const ANONYMOUS = /^acl '([^']*)' file '(.*)' line (\d+)\.?$/;

function lines(reply: string): string[] {
  // The trailing "\n"s by hand: /\n+$/ retried at every "\n" of a run that text follows (quadratic).
  let end = reply.length;
  while (end > 0 && reply.charCodeAt(end - 1) === 10) end--;
  return reply.slice(0, end).split('\n').filter((l) => l !== '');
}

/** What `.` does not match: a row holding one never matched REF_ROW, which would retry every ") " to find out. */
const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * Known error replies to these commands. They come back as text, not as a failure of the socket, so each
 * parser checks for them first: an error must not be read as an empty map.
 */
const ERRORS = [
  /^Unknown (map|ACL) identifier/,
  /^Missing (map|ACL) identifier/,
  /^Permission denied/,
  /^Unknown command/,
  /^Version number/,
  /^'(show|add|set|del|clear|prepare|commit) (map|acl)' /,
  /^(Key|entry) not found/,
];

export function checkPatternReply(command: string, reply: string): void {
  const first = reply.split('\n', 1)[0] ?? '';
  if (ERRORS.some((re) => re.test(first))) throw new CommandRejectedError(command, reply);
}

/** `show map` / `show acl` without argument. */
export function parsePatternRefs(reply: string, command = 'show map'): PatternRef[] {
  checkPatternReply(command, reply);
  const rows = lines(reply);
  if (rows[0]?.startsWith('# id')) rows.shift();
  return rows.map((row, index) => {
    const m = LINE_END.test(row) ? null : REF_ROW.exec(row);
    if (!m) throw new ParseError(`unexpected row in "${command}": ${row}`, index + 2);
    const ref: PatternRef = {
      id: Number(m[1]),
      file: m[2]!,
      description: m[3]!,
      currVer: m[4] === undefined ? null : Number(m[4]),
      nextVer: m[5] === undefined ? null : Number(m[5]),
      entryCount: m[6] === undefined ? null : Number(m[6]),
    };
    const anon = ref.file === '' ? ANONYMOUS.exec(ref.description) : null;
    if (anon) {
      ref.keyword = anon[1]!;
      ref.configFile = anon[2]!;
      ref.configLine = Number(anon[3]);
    }
    return ref;
  });
}

/** `show map FILE` (withValues) or `show acl FILE`. */
export function parsePatternEntries(reply: string, withValues: boolean, command = withValues ? 'show map' : 'show acl'): PatternEntry[] {
  checkPatternReply(command, reply);
  return lines(reply).map((row, index) => {
    // "REF KEY[ VALUE]" (map) or "REF PATTERN" (acl), as map.c prints them. The key is one word: HAProxy splits
    // a file line and a command's arguments on spaces and tabs, but any other byte (U+2028, U+00A0) may be in it.
    // The value runs to the end of the line, whatever it holds. (test/sources/haproxy/map-file-haproxy.test.ts)
    const ref = REF.exec(row);
    const keyStart = ref ? ref[0].length : 0;
    const keyEnd = withValues ? row.indexOf(' ', keyStart) : row.length;
    const key = row.slice(keyStart, keyEnd < 0 ? row.length : keyEnd);
    if (!ref || (withValues && (key === '' || key.includes('\t')))) throw new ParseError(`unexpected entry in "${command}": ${row}`, index + 1);
    const entry: PatternEntry = { ref: ref[1]!, key };
    if (withValues) entry.value = keyEnd < 0 ? '' : row.slice(keyEnd + 1);
    return entry;
  });
}

/** The version number from `prepare map|acl FILE`. */
export function parsePreparedVersion(reply: string, command = 'prepare map'): number {
  checkPatternReply(command, reply);
  const m = /^New version created: (\d+)\n/.exec(reply);
  if (!m) throw new ParseError(`unexpected reply to "${command}": ${reply.trim()}`, 1);
  return Number(m[1]);
}

/** Replies of add/set/del/clear/commit: "\n" on success; anything else is HAProxy refusing. */
export function checkWriteReply(command: string, reply: string): void {
  if (reply.trim() !== '') throw new CommandRejectedError(command, reply);
}
