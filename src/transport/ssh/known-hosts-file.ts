// known_hosts read in this process for the common files: plain host lists, hashed names (HashKnownHosts), the
// @revoked and @cert-authority markers. Each `ssh-keygen -F` is a fork of lbtop's process that blocks its event
// loop: seed 003's fleet (50 hosts) spent about a second of its first screen on them. A file with anything else
// (wildcards, negations, a line this reader does not understand) returns null: ssh-keygen reads it, as ssh would.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface FileEntry {
  line: number;
  keyType: string;
  key: string;
  revoked: boolean;
}

/** The entries for `name` in `file`, in file order, as `ssh-keygen -F name -f file` finds them; null: ask it. */
export function lookupInFile(name: string, file: string): FileEntry[] | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null; // unreadable: ssh-keygen says why, and the lookup fails closed
  }
  const lower = name.toLowerCase();
  const entries: FileEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i]!.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const fields = trimmed.split(/\s+/);
    let marker: string | null = null;
    if (fields[0]!.startsWith('@')) marker = fields.shift()!;
    if (marker !== null && marker !== '@revoked' && marker !== '@cert-authority') return null;
    const [hosts, keyType, key] = fields;
    if (hosts === undefined || keyType === undefined || key === undefined) return null;
    let found: boolean;
    if (hosts.startsWith('|1|')) {
      const [, , salt, mac] = hosts.split('|');
      if (!salt || !mac) return null;
      found = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === mac;
    } else {
      if (/[*?!]/.test(hosts)) return null; // patterns: ssh's own matcher decides
      found = hosts.toLowerCase().split(',').includes(lower);
    }
    // A certificate authority signs host certificates, which lbtop does not use: no answer (as before).
    if (found && marker !== '@cert-authority') entries.push({ line: i + 1, keyType, key, revoked: marker === '@revoked' });
  }
  return entries;
}
