// The VRRP password appears in clear in the data dump ("Password = …"), the JSON dump ("auth_data") and
// keepalived.conf (`auth_pass …`). Every text lbtop reads from keepalived goes through here before it is parsed,
// kept, diffed or shown, so no later layer can leak what it never received.

export const REDACTED = '********';

const RULES: [RegExp, string][] = [
  [/^(\s*Password = ).*$/gm, `$1${REDACTED}`],
  [/("auth_data"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${REDACTED}"`],
  // auth_pass WORD, "quoted words", and whatever follows on the line (a comment may repeat it).
  [/^(\s*auth_pass\s+).*$/gm, `$1${REDACTED}`],
];

export function redactKeepalived(text: string): string {
  let out = text;
  for (const [re, by] of RULES) out = out.replace(re, by);
  return out;
}
