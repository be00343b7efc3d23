import { describe, expect, it } from 'vitest';
import { decodeKey, keyLabel } from '../../src/keymap/parse-key.js';

describe('decodeKey', () => {
  it.each([
    ['\x1b[15~', 'f5'],
    ['\x1b[17~', 'f6'],
    ['\x1b[18~', 'f7'],
    ['\x1b[19~', 'f8'],
    ['\x1b[20~', 'f9'],
    ['\x1b[21~', 'f10'],
    ['\x1bOS', 'f4'],
    ['\x1b[14~', 'f4'],
    ['\x1b[[E', 'f5'],
    ['\x1b[6~', 'pgdn'],
    ['\x1b[5~', 'pgup'],
    ['\x1b[F', 'end'],
    ['\x1b[4~', 'end'],
    ['\x1bOF', 'end'],
    ['\x1b[8~', 'end'],
    ['\x1b[H', 'home'],
    ['\x1b[1~', 'home'],
    ['\x1b[A', 'up'],
    ['\x1bOB', 'down'],
    ['\x1b[Z', 'S-tab'],
    ['\t', 'tab'],
    ['\r', 'enter'],
    ['\x1b', 'esc'],
    ['\x7f', 'backspace'],
    ['\x03', 'C-c'],
    ['\x0e', 'C-n'],
    ['\x1b1', 'M-1'],
    ['\x1b[15;2~', 'S-f5'],
    ['\x1b[1;5A', 'C-up'],
  ])('%j is %s', (seq, name) => {
    expect(decodeKey(seq).name).toBe(name);
    expect(decodeKey(seq).text).toBe('');
  });

  it('printable keys are themselves and type their text', () => {
    expect(decodeKey('G')).toEqual({ name: 'G', text: 'G' });
    expect(decodeKey('/')).toEqual({ name: '/', text: '/' });
    expect(decodeKey(' ')).toEqual({ name: 'space', text: ' ' });
    expect(decodeKey('é')).toEqual({ name: 'é', text: 'é' });
  });

  it('a paste is text, never a command', () => {
    expect(decodeKey('show info')).toEqual({ name: 'paste', text: 'show info' });
  });

  it('an unknown escape sequence is not mistaken for a key', () => {
    expect(decodeKey('\x1b[99~').name).toBe('unknown:[99~');
  });

  it('labels keys for hints', () => {
    expect(['f5', 'pgdn', 'S-tab', 'C-c', 'M-1', 'down', 'q'].map(keyLabel)).toEqual(['F5', 'PgDn', 'S-Tab', 'Ctrl-c', 'Alt-1', '↓', 'q']);
  });
});
