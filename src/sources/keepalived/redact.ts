// The VRRP password appears in clear in the data dump ("Password = …"), the JSON dump ("auth_data") and
// keepalived.conf (`auth_pass …`). Every text lbtop reads from keepalived goes through here before it is parsed,
// kept, diffed or shown, so no later layer can leak what it never received.

export const REDACTED = '********';

// Before a keyword: blanks but not line ends ([^\S\n\r\u2028\u2029]). `^\s*` let every line start of a long run
// of blank lines scan the rest of the run (quadratic); a match that started on an earlier blank line kept those
// lines in $1 and redacted the same text, so the output is the same (test/sources/keepalived/redact.test.ts).
const RULES: [RegExp, string][] = [
  [/^([^\S\n\r\u2028\u2029]*Password = ).*$/gm, `$1${REDACTED}`],
  [/("auth_data"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${REDACTED}"`],
  // auth_pass WORD, "quoted words", and whatever follows on the line (a comment may repeat it).
  [/^([^\S\n\r\u2028\u2029]*auth_pass\s+).*$/gm, `$1${REDACTED}`],
];

export function redactKeepalived(text: string): string {
  let out = text;
  for (const [re, by] of RULES) out = out.replace(re, by);
  return out;
}
