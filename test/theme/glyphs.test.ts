// UTF-8 or ASCII glyphs (sparklines, sort arrows) from the locale, as the C library picks it.
import { describe, expect, it } from 'vitest';
import { utf8Terminal } from '../../src/theme/glyphs.js';

describe('utf8Terminal', () => {
  it('follows LC_ALL, then LC_CTYPE, then LANG; no locale is the C locale (ASCII)', () => {
    expect(utf8Terminal({ LANG: 'en_US.UTF-8' })).toBe(true);
    expect(utf8Terminal({ LANG: 'C.utf8' })).toBe(true);
    expect(utf8Terminal({ LC_ALL: 'C', LANG: 'en_US.UTF-8' })).toBe(false);
    expect(utf8Terminal({ LC_CTYPE: 'de_DE.ISO-8859-1', LANG: 'en_US.UTF-8' })).toBe(false);
    expect(utf8Terminal({})).toBe(false);
    expect(utf8Terminal({ LANG: 'en_US.UTF-8', LBTOP_ASCII: '1' })).toBe(false);
  });
});
