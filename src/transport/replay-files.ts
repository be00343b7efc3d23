// The replay's recorded files (fixtures/demo, written by its record.ts), as text: which commands are recorded per
// frame, the one-off replies (`replies.txt`: a `>>> COMMAND` line, then HAProxy's reply as it came), and the
// certificate dates moved by the recording's age, so a certificate that had 3 days left when it was recorded
// still has 3 in the replay (the replay shows what the demo looked like, not a certificate aged since).

/** Commands recorded once per frame (`<frame>-<file>.txt`), which the pollers ask every second. */
export const REPLAY_FRAME_COMMANDS: Readonly<Record<string, string>> = {
  'show info': 'info',
  'show stat': 'stat',
  'show servers state': 'servers-state',
};

const MARK = '>>> ';

export function formatReplies(replies: ReadonlyMap<string, string>): string {
  return [...replies].map(([command, reply]) => `${MARK}${command}\n${reply}`).join('');
}

/** The inverse of formatReplies: a reply is everything up to the next `>>> ` line. */
export function parseReplies(text: string): Map<string, string> {
  const replies = new Map<string, string>();
  const marks = [...text.matchAll(/^>>> (.*)\n/gm)];
  marks.forEach((m, i) => {
    const start = m.index! + m[0].length;
    replies.set(m[1]!, text.slice(start, i + 1 < marks.length ? marks[i + 1]!.index : text.length));
  });
  return replies;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `notBefore:`/`notAfter:` lines of a `show ssl cert FILE` reply moved by `shiftMs`, in HAProxy's own format. */
export function shiftCertDates(reply: string, shiftMs: number): string {
  if (!Number.isFinite(shiftMs)) return reply;
  return reply.replace(/^(notBefore|notAfter): ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4}) GMT$/gm, (line, field: string, mon: string, day, h, m, s, year) => {
    const month = MONTHS.indexOf(mon);
    if (month < 0) return line;
    const d = new Date(Date.UTC(Number(year), month, Number(day), Number(h), Number(m), Number(s)) + shiftMs);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${field}: ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
  });
}
