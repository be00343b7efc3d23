// What the audit log keeps of each record: the command sent (secrets redacted, audit-redact.ts), whether it can
// change anything, and of the reply only what a post-mortem needs. A read's reply is state lbtop can read again
// (and may be megabytes, or hold secrets), so only its size, line count and first line are kept; a write's reply
// is HAProxy's verdict ("Done.", an error), short and useful, so it is kept, capped. Applied inside
// AuditLog.append and again when a snapshot copies the records, so no caller can store more than this.
//
// Reads whose replies can hold secrets (HAProxy 2.6 to 3.3 management.txt, checked against 2.6.12's replies) keep
// no first line at all, only the size and the reason:
// - `show tls-keys` (any argument: with an id or `*` it prints the TLS ticket keys themselves),
// - `show env` (the process environment: tokens and passwords passed to HAProxy),
// - `dump ssl cert` (3.1+: the certificate with its private key, in PEM),
// - `show map`/`show acl`/`get map`/`get acl` with a name, `get var` (3.x), `show events` with a sink,
//   `show sess … show-uri` (3.x): their first line is already data (a map of API keys, a variable holding a
//   header, a log line, a URI with a token in its query).
// Looked at and kept as ordinary reads: `show ssl cert FILE` (subject, serial, fingerprint: no key material in
// 2.6 to 3.3), `show ssl ocsp-response` (signed public data), `show ssl crt-list [-n]` (file names and SNI
// filters), `show ssl ca-file`/`crl-file` (public), `show ssl ech` (3.3: the public ECH configs, not the keys,
// src/ech.c), `acme status` (3.2: dates and states, no account key), `show peers`, `show quic`, `show sess [all]`,
// `show table`, `show errors` (their first line is a header; the captured requests below it are never kept).
import type { AuditRecord } from './audit-log.js';
import { isReadCommand } from '../sources/haproxy/read-commands.js';
import { capText, commandWords, redactCommand, redactText, splitChain } from './audit-redact.js';

export interface ReplySummary {
  bytes: number;
  lines: number;
  /** Absent when the command's first line can itself be a secret or data. */
  firstLine?: string;
  /** Why nothing of the text is kept. */
  withheld?: string;
}


const SECRET_READS: { words: string[]; minWords?: number; withWord?: string; why: string }[] = [
  { words: ['show', 'tls-keys'], why: 'show tls-keys prints TLS ticket keys' },
  { words: ['show', 'env'], why: 'show env prints the environment, which can hold secrets' },
  { words: ['dump', 'ssl', 'cert'], why: 'dump ssl cert prints the private key' },
  { words: ['show', 'map'], minWords: 3, why: 'the first line is a map entry' },
  { words: ['show', 'acl'], minWords: 3, why: 'the first line is an ACL entry' },
  { words: ['get', 'map'], why: 'the reply is a map entry' },
  { words: ['get', 'acl'], why: 'the reply is an ACL entry' },
  { words: ['get', 'var'], why: 'the reply is a variable, which can hold request data' },
  { words: ['show', 'events'], minWords: 3, why: 'the first line is an event, which can hold request data' },
  { words: ['show', 'sess'], withWord: 'show-uri', why: 'show-uri prints request URIs, which can carry tokens' },
];

/** True when no command of the line can change state: the read-only gate's own classification, per command. */
export function isReadOnly(command: string): boolean {
  return splitChain(firstLine(command)).every((part) => commandWords(part).length === 0 || isReadCommand(part));
}

/** Why no text of the reply may be kept, or null. Any command of a `;` chain can make it so. */
export function secretReason(command: string): string | null {
  for (const part of splitChain(firstLine(command))) {
    const words = commandWords(part);
    const rule = SECRET_READS.find(
      (r) => r.words.every((w, i) => words[i] === w) && words.length >= (r.minWords ?? 0) && (!r.withWord || words.includes(r.withWord)),
    );
    if (rule) return rule.why;
  }
  return null;
}

/** What the log keeps of a read's reply: size, line count, and the first line unless the command forbids it. */
export function summariseReply(command: string, reply: string): ReplySummary {
  const trimmed = reply.trimEnd();
  let lines = trimmed === '' ? 0 : 1;
  for (let i = trimmed.indexOf('\n'); i >= 0; i = trimmed.indexOf('\n', i + 1)) lines++;
  const summary: ReplySummary = { bytes: Buffer.byteLength(reply), lines };
  const why = secretReason(command);
  if (why) return { ...summary, withheld: why };
  const first = firstLine(trimmed.trimStart());
  if (first !== '') summary.firstLine = redactText(capText(first, 200));
  return summary;
}

export type PolicyEntry = Omit<AuditRecord, 'time' | 'user'>;

/** The record as stored: redacted command, readOnly, and the reply summarised or capped. Idempotent. */
export function applyAuditPolicy<T extends PolicyEntry>(entry: T): T {
  const readOnly = isReadOnly(entry.command);
  const out: T = { ...entry, command: redactCommand(entry.command), readOnly };
  // A plan record's commands go through the same redaction as the commands sent.
  if (entry.steps) out.steps = entry.steps.map((s) => ({ ...s, command: redactCommand(s.command) }));
  if (entry.rollback) out.rollback = entry.rollback.map((s) => ({ ...s, command: redactCommand(s.command) }));
  if (entry.undoNote !== undefined) out.undoNote = redactText(capText(entry.undoNote, 1000));
  if (entry.reply === undefined) return out;
  // A read's reply, and any reply to a chain holding a secret read, is summarised; a write's reply or an error
  // is kept, capped (after a secret read, only the error's first line: lbtop's own message).
  const why = secretReason(entry.command);
  if (entry.phase === 'reply' && (readOnly || why)) {
    delete out.reply;
    out.summary = summariseReply(entry.command, entry.reply);
    return out;
  }
  out.reply = redactText(capText(why ? firstLine(entry.reply) : entry.reply, 1000));
  return out;
}

function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return (newline < 0 ? text : text.slice(0, newline)).replace(/\r$/, '');
}
