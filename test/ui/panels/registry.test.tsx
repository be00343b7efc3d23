// The panel registry: a view that is one folder gets the selection it was opened on, draws the body, and the
// global keys keep working above it; a view key whose panel is not registered says so instead of going blank.
import { cleanup } from 'ink-testing-library';
import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { PANELS } from '../../../src/ui/panels/registry.js';
import type { PanelProps } from '../../../src/ui/panels/types.js';
import { demoStore, fakeServices, NOW, renderApp } from '../helpers.js';

afterEach(() => {
  cleanup();
  delete PANELS.output;
});

function Probe(p: PanelProps) {
  return <Text>PROBE selection={p.selection?.ref ?? 'none'} height={p.height} active={String(p.isActive)}</Text>;
}

describe('panel registry', () => {
  const clock = { now: NOW };

  it('shows the panel with the stats row it was opened on; global keys still switch views', async () => {
    PANELS.output = { id: 'output', scope: 'output', Component: Probe };
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    await app.press('j');
    await app.press('j');
    await app.press('!');
    expect(app.frame()).toMatch(/PROBE selection=\S+ height=\d+ active=true/);
    expect(app.frame()).not.toContain('selection=none');
    expect(app.lines()[2]).toContain('OUTPUT');
    await app.press('1');
    expect(app.frame()).not.toContain('PROBE');
    expect(app.lines()[3]).toMatch(/SCUR/);
  });

  it('a view key whose panel is not in this build says so and stays on the view', async () => {
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    await app.press('!');
    expect(app.frame()).toContain('OUTPUT is not available in this build');
    expect(app.lines()[3]).toMatch(/SCUR/);
  });
});
