// `show peers`, as HAProxy 2.6 and 3.0 print it (fixtures/haproxy-tables/*/lb-*-show-peers.txt, peers.c
// peers_dump_head / peers_dump_peer): a section line, then per peer a line "id=NAME(local|remote,active|inactive)
// addr=… [app_state=… learn_state=…] last_status=…" (3.0 adds the two states), a "flags=0x… [appctx:… state=EST]"
// line (state= only while a session exists), and its shared tables (last_acked/last_pushed, then "table:… id=T
// … localupdate=N"). Lines lbtop does not use (reconnect=, xprt=, remote_table:, the dictionary note) are skipped,
// so a later version's extra lines do not break it; a peer line outside a section is a ParseError.
import { CommandRejectedError, ParseError } from '../../../model/errors.js';
import type { PeerInfo, PeersSection } from '../../../model/tables.js';

const SECTION = /^0x[0-9a-f]+: \[[^\]]*\] id=(\S+) disabled=(\d+) flags=0x([0-9a-f]+) resync_timeout=(\S+)/;
const PEER = /^ {2}0x[0-9a-f]+: id=(\S+?)\((local|remote),(active|inactive)\) addr=(\S+)(.*)$/;

/** "a=1 b=x" → { a: '1', b: 'x' } for the words of a line that have the form name=value. */
function fields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const word of text.trim().split(/\s+/)) {
    const eq = word.indexOf('=');
    if (eq > 0 && !out.has(word.slice(0, eq))) out.set(word.slice(0, eq), word.slice(eq + 1));
  }
  return out;
}

const num = (value: string | undefined, at: number, what: string): number => {
  if (value === undefined || !/^\d+$/.test(value)) throw new ParseError(`${what}: expected a number, got ${JSON.stringify(value ?? '')}`, at);
  return Number(value);
};

export function parsePeers(reply: string): PeersSection[] {
  if (/^(Unknown command|Permission denied)/.test(reply)) throw new CommandRejectedError('show peers', reply);
  const sections: PeersSection[] = [];
  let peer: PeerInfo | null = null;
  let pending: { lastAcked: number; lastPushed: number } | null = null;
  reply.split('\n').forEach((line, i) => {
    const at = i + 1;
    const section = SECTION.exec(line);
    if (section) {
      sections.push({ name: section[1]!, disabled: section[2] !== '0', flags: parseInt(section[3]!, 16), resyncTimeout: section[4]!, peers: [] });
      peer = null;
      return;
    }
    const p = PEER.exec(line);
    if (p) {
      const current = sections[sections.length - 1];
      if (!current) throw new ParseError('a peer before any peers section', at);
      const f = fields(p[5]!);
      peer = {
        name: p[1]!, local: p[2] === 'local', active: p[3] === 'active', addr: p[4]!,
        appState: f.get('app_state') ?? null, learnState: f.get('learn_state') ?? null,
        lastStatus: f.get('last_status') ?? '?', lastHandshake: f.get('last_hdshk') ?? '?', session: null, flags: 0, tables: [],
      };
      current.peers.push(peer);
      return;
    }
    const text = line.trim();
    const current = peer as PeerInfo | null;
    if (!current) return;
    if (text.startsWith('flags=0x')) {
      const f = fields(text);
      current.flags = parseInt(f.get('flags')!.slice(2), 16) || 0;
      current.session = f.get('state') ?? null;
    } else if (text.startsWith('last_acked=')) {
      const f = fields(text);
      pending = { lastAcked: num(f.get('last_acked'), at, 'last_acked'), lastPushed: num(f.get('last_pushed'), at, 'last_pushed') };
    } else if (text.startsWith('table:0x') && pending) {
      const f = fields(text);
      const table = f.get('id');
      if (!table) throw new ParseError('a shared table without id=', at);
      current.tables.push({ table, localUpdate: num(f.get('localupdate'), at, 'localupdate'), ...pending });
      pending = null;
    }
  });
  return sections;
}
