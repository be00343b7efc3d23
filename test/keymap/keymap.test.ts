import { describe, expect, it } from 'vitest';
import { COMMANDS, type CommandDef } from '../../src/keymap/bindings.js';
import { decodeKey } from '../../src/keymap/parse-key.js';
import { buildKeymap, findDuplicateKeys, hintsFor, resolveKey } from '../../src/keymap/resolve.js';

const key = (seq: string) => decodeKey(seq);

describe('keymap', () => {
  it('has no key bound twice where both could fire', () => {
    expect(findDuplicateKeys()).toEqual([]);
  });

  it('the duplicate check catches a clash within a scope and with a global key', () => {
    const defs: CommandDef[] = [
      { id: 'a', keys: ['x'], scopes: ['table'], description: 'a' },
      { id: 'b', keys: ['x'], scopes: ['table'], description: 'b' },
      { id: 'c', keys: ['q'], scopes: ['events'], description: 'c' },
      { id: 'd', keys: ['q'], scopes: ['global'], description: 'd' },
    ];
    expect(findDuplicateKeys(defs)).toEqual(['table: "x" is bound to a and b', 'events: "q" is bound to c and to global d']);
  });

  it('binds hatop keys', () => {
    const km = buildKeymap({ readOnly: false });
    const id = (scope: Parameters<typeof resolveKey>[1], seq: string) => {
      const r = resolveKey(km, scope, key(seq));
      return r.kind === 'command' ? r.id : r.kind;
    };
    expect(id('table', '\x1bOS')).toBe('server.weight.restore');
    expect(id('table', '\x1b[15~')).toBe('server.weight.dec10');
    expect(id('table', '\x1b[17~')).toBe('server.weight.dec1');
    expect(id('table', '\x1b[18~')).toBe('server.weight.inc1');
    expect(id('table', '\x1b[19~')).toBe('server.weight.inc10');
    expect(id('table', '\x1b[20~')).toBe('server.ready');
    expect(id('table', '\x1b[21~')).toBe('server.maint');
    expect(id('table', '\t')).toBe('view.next');
    expect(id('table', '\x1b[Z')).toBe('view.prev');
    expect(id('table', '\x1b3')).toBe('view.http');
    expect(id('table', 'q')).toBe('app.quit');
  });

  it('in a text field printable keys type, and only special keys reach global commands', () => {
    const km = buildKeymap({ readOnly: false });
    expect(resolveKey(km, 'cli', key('q')).kind).toBe('text');
    expect(resolveKey(km, 'cli', key('5')).kind).toBe('text');
    expect(resolveKey(km, 'cli', key('\x7f')).kind).toBe('text');
    expect(resolveKey(km, 'cli', key('\t'))).toMatchObject({ kind: 'command', id: 'view.next' });
    expect(resolveKey(km, 'cli', key('\x1b1'))).toMatchObject({ kind: 'command', id: 'view.status' });
    expect(resolveKey(km, 'cli', key('\x1b[A'))).toMatchObject({ kind: 'command', id: 'cli.history.prev' });
  });

  it('dialogs own the keyboard: no global key fires in them', () => {
    const km = buildKeymap({ readOnly: false });
    expect(resolveKey(km, 'preview', key('q')).kind).toBe('none');
    expect(resolveKey(km, 'preview', key('\t')).kind).toBe('none');
    expect(resolveKey(km, 'preview', key('y'))).toMatchObject({ kind: 'command', id: 'dialog.confirm' });
    expect(resolveKey(km, 'confirm', key('y')).kind).toBe('text');
  });

  it('--read-only removes every dangerous binding, and a press says it was removed', () => {
    const km = buildKeymap({ readOnly: true });
    const dangerous = COMMANDS.filter((c) => 'dangerous' in c && c.dangerous).map((c) => c.id);
    expect(dangerous).toEqual(expect.arrayContaining(['server.drain', 'server.maint', 'server.ready', 'server.weight.dec10', 'report.rollback']));
    expect(km.active.some((c) => c.dangerous)).toBe(false);
    expect(km.removed.map((c) => c.id).sort()).toEqual([...dangerous].sort());
    expect(resolveKey(km, 'table', key('d'))).toMatchObject({ kind: 'removed', command: { id: 'server.drain' } });
    expect(resolveKey(km, 'table', key('\x1b[15~'))).toMatchObject({ kind: 'removed', command: { id: 'server.weight.dec10' } });
  });

  it('footer hints come from the keymap and lose the dangerous ones in read-only', () => {
    const labels = (readOnly: boolean) => hintsFor(buildKeymap({ readOnly }), 'table').map((h) => h.label);
    expect(labels(false)).toEqual(expect.arrayContaining(['drain', 'maint', 'ready', 'weight', 'filter', 'jump', 'quit', 'help']));
    expect(labels(true)).not.toEqual(expect.arrayContaining(['drain']));
    expect(labels(true)).toEqual(expect.arrayContaining(['filter', 'quit']));
    // In the CLI text field, q types: the quit hint shows only the key that still quits there.
    expect(hintsFor(buildKeymap({ readOnly: false }), 'cli').find((h) => h.label === 'quit')?.keys).toBe('Ctrl-c');
  });
});
