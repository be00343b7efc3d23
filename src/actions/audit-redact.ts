// What the audit log keeps of a command's text, and of the short texts it keeps whole (write replies, errors, the
// first line of a read's reply), with the secrets taken out. Commands that carry key material in their arguments
// or payload (management.txt of HAProxy 2.6 and 3.0, "set ssl …", "add ssl …") are recognised by their words;
// key material in any other text is recognised by its shape (a PEM private key, keepalived's auth_pass or
// "Password =", a heartbeat authkeys line). Everything here runs on text already capped by the caller, and each
// rule is a single pass, so a hostile reply cannot make the redactor slow.
import { REDACTED, redactKeepalived } from '../sources/keepalived/redact.js';

export const WITHHELD = '[secret withheld]';

/** Words of one runtime-API command, with a master-CLI `@1` / `@!PID` / `@@PID` prefix dropped. */
export function commandWords(line: string): string[] {
  const words = line.trim().split(/[ \t]+/).filter(Boolean);
  while (words[0]?.startsWith('@')) words.shift();
  return words;
}

/** Splits on the `;` HAProxy chains commands with (a backslash escapes it), in one pass. */
export function splitChain(line: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === ';') {
      parts.push(line.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(line.slice(start));
  return parts;
}

/**
 * Words after which the rest of the command line is a secret: the TLS ticket key of `set ssl tls-key <ref> KEY`,
 * the base64 response of `set ssl ocsp-response RESPONSE` (public data, but bulky and never worth keeping).
 */
const SECRET_ARGS: { words: string[]; keep: number }[] = [
  { words: ['set', 'ssl', 'tls-key'], keep: 4 },
  { words: ['set', 'ssl', 'ocsp-response'], keep: 3 },
];

function redactLine(line: string): string {
  return splitChain(line)
    .map((part) => {
      const words = commandWords(part);
      const rule = SECRET_ARGS.find((r) => r.words.every((w, i) => words[i] === w));
      if (!rule || words.length <= rule.keep) return part;
      const tokens = part.trim().split(/[ \t]+/);
      const kept = tokens.slice(0, tokens.length - words.length + rule.keep);
      return `${/^[ \t]*/.exec(part)![0]}${[...kept, WITHHELD].join(' ')}`;
    })
    .join(';');
}

/**
 * The command as the audit log records it. A payload (the lines after a first line ending in `<<`, or `<<TAG`
 * in 3.x) of an ssl command is a certificate with its private key, a CA or CRL file, an OCSP response, a
 * crt-list or an ECH key: only its size is kept. Other payloads (map and ACL entries) are what the audit is for.
 */
export function redactCommand(command: string, cap = 4096): string {
  const newline = command.indexOf('\n');
  const line = newline < 0 ? command : command.slice(0, newline);
  let payload = newline < 0 ? '' : command.slice(newline + 1);
  const isSsl = splitChain(line).some((part) => commandWords(part)[1] === 'ssl');
  const payloadMode = commandWords(line).pop()?.startsWith('<<') ?? false;
  if (newline >= 0 && payloadMode && isSsl && !/^\[payload withheld: \d+ bytes\]$/.test(payload)) {
    payload = `[payload withheld: ${Buffer.byteLength(payload)} bytes]`;
  }
  const text = newline < 0 ? redactLine(line) : `${redactLine(line)}\n${payload}`;
  return redactText(capText(text, cap));
}

/** Key material recognised by its shape, in any text the log keeps. */
export function redactText(text: string): string {
  let out = redactPem(text);
  out = redactKeepalived(out);
  // keepalived.conf lines quoted inside other text ("edit FILE line 12: auth_pass x"), not only at a line start.
  out = out.replace(/\bauth_pass([ \t]+)[^\n]*/g, `auth_pass$1${REDACTED}`);
  // heartbeat authkeys: "1 sha1 KEY", "2 md5 KEY".
  out = out.replace(/\b(\d+[ \t]+(?:sha1|md5)[ \t]+)\S+/g, `$1${REDACTED}`);
  return out;
}

/** PEM blocks whose label names a private key, in one forward scan; an unterminated block is cut to the end. */
function redactPem(text: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf('-----BEGIN ', from); at >= 0; at = text.indexOf('-----BEGIN ', from)) {
    // A label is short: looking for its end within 80 characters keeps the scan linear.
    const labelLength = text.slice(at + 11, at + 91).indexOf('-----');
    const label = labelLength < 0 ? '' : text.slice(at + 11, at + 11 + labelLength);
    const labelEnd = at + 11 + labelLength;
    if (!label.includes('PRIVATE KEY')) {
      out += text.slice(from, at + 11);
      from = at + 11;
      continue;
    }
    out += `${text.slice(from, labelEnd + 5)}\n${WITHHELD}\n`;
    const end = text.indexOf(`-----END ${label}-----`, labelEnd + 5);
    if (end < 0) return out;
    from = end;
  }
  return out + text.slice(from);
}

/** At most `cap` characters, saying how long the whole was. */
export function capText(text: string, cap: number): string {
  if (text.length <= cap || (text.length <= cap + 40 && /… \(\d+ bytes in all\)$/.test(text))) return text;
  return `${text.slice(0, cap)}… (${Buffer.byteLength(text)} bytes in all)`;
}
