// The key tables are checked by the compiler: a view's handler table is typed over the commands bindings.ts
// binds in its scope (ScopeHandlers), so a command without a handler is a type error. `npm run typecheck` checks
// this file: the `@ts-expect-error` below fails the typecheck as soon as a table missing a handler compiles.
import { describe, expect, it } from 'vitest';
import { COMMANDS, type ScopeCommandId } from '../../src/keymap/bindings.js';
import type { ScopeHandlers } from '../../src/ui/hooks/useCommands.js';

const act = () => undefined;

// Every command bound in `output`: the OUTPUT panel's table has each of these (panels/output/OutputPanel.tsx).
const complete: ScopeHandlers<'output'> = {
  'nav.down': act,
  'nav.up': act,
  'nav.pageDown': act,
  'nav.pageUp': act,
  'nav.home': act,
  'nav.end': act,
  'output.back': act,
  'output.older': act,
  'output.newer': act,
};

// @ts-expect-error -- output.newer is bound in the `output` scope (bindings.ts) and has no handler here
const missing: ScopeHandlers<'output'> = {
  'nav.down': act,
  'nav.up': act,
  'nav.pageDown': act,
  'nav.pageUp': act,
  'nav.home': act,
  'nav.end': act,
  'output.back': act,
  'output.older': act,
};

const idsIn = (scope: string) => COMMANDS.filter((c) => (c.scopes as readonly string[]).includes(scope)).map((c) => c.id).sort();

describe('key tables typed per scope', () => {
  it('the type asks for exactly the commands bindings.ts binds in the scope', () => {
    expect(Object.keys(complete).sort()).toEqual(idsIn('output'));
    // The table missing one is a compile error above; at run time it is one short.
    expect(idsIn('output').filter((id) => !(id in missing))).toEqual(['output.newer']);
  });

  it('a union of scopes asks for the commands of each (the fleet table and its detail pane share one table)', () => {
    const detailOnly: ScopeCommandId<'detail'>[] = ['detail.close'];
    const both: ScopeCommandId<'table' | 'detail'>[] = ['detail.close', 'server.drain', 'nav.down'];
    // @ts-expect-error -- server.drain is a fleet-table command, not one of the detail pane's
    const wrong: ScopeCommandId<'detail'>[] = ['server.drain'];
    expect(idsIn('detail')).toEqual(expect.arrayContaining(detailOnly));
    expect(idsIn('table')).toEqual(expect.arrayContaining(both.filter((id) => id !== 'detail.close')));
    expect(idsIn('detail')).not.toContain(wrong[0]);
  });
});
