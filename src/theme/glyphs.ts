// Whether the terminal takes UTF-8, from the locale as the C library reads it (LC_ALL, then LC_CTYPE, then LANG):
// the sparklines' block characters (▁…█) and the sort arrows (▲▼) fall back to ASCII on a C/POSIX or Latin-1
// locale, where a bastion's terminal would print them as mojibake. LBTOP_ASCII=1 asks for ASCII whatever the locale.
export function utf8Terminal(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.LBTOP_ASCII && env.LBTOP_ASCII !== '0') return false;
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}
