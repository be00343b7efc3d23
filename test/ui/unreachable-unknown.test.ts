// The TUI's side of the write path's honesty: a plan with an unreachable LB in scope is refused in the preview
// until the operator leaves it out explicitly (u), and an UNKNOWN outcome is reported as such, with rollback.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplyReport } from '../../src/actions/types.js';
import { TransportError } from '../../src/model/errors.js';
import { demoStore, fakeServices, KEYS, NOW, renderApp } from './helpers.js';

afterEach(() => cleanup());

async function select(app: Awaited<ReturnType<typeof renderApp>>, name: string) {
  await app.press(':');
  await app.type(name);
  await app.press(KEYS.enter);
}

describe('unreachable LBs and unknown outcomes in the TUI', () => {
  it('refuses y while lb-1 is unreachable; u leaves it out (after the guard), then y sends to lb-0 only', async () => {
    const clock = { now: NOW };
    const store = demoStore(clock);
    store.recordFailure('lb-1', new TransportError('unix:/run/lb-1.sock: connection refused'));
    const { services, calls } = fakeServices({ store, clock });
    const app = await renderApp(services, { columns: 140, rows: 40 });
    await select(app, 'k8s-http-ingress/ingress1');
    await app.press('d');
    expect(app.frame()).toMatch(/REFUSED: unreachable LBs may carry the target/);
    expect(app.frame()).toMatch(/lb-1\s+.*connection refused/);
    expect(app.frame()).toMatch(/REFUSED: lb-1 unreachable — u apply without them/);
    expect(app.frame()).not.toMatch(/\[lb-1\] set server/);
    clock.now += 1000;
    await app.press('y');
    expect(calls.apply).toEqual([]);
    await app.press('u');
    expect(app.frame()).toMatch(/Left out \(unreachable\): lbtop will not change them/);
    await app.press('y'); // the preview just changed: too soon
    expect(calls.apply).toEqual([]);
    clock.now += 1000;
    await app.press('y');
    expect(calls.apply).toHaveLength(1);
    expect(calls.apply[0]!.skipUnreachable).toBe(true);
    expect(calls.apply[0]!.commands.map((c) => c.lb)).toEqual(['lb-0']);
  });

  it('shows an UNKNOWN outcome with what the re-read saw, and offers the rollback for it', async () => {
    const clock = { now: NOW };
    const { services } = fakeServices({ store: demoStore(clock), clock });
    services.apply = async (plan): Promise<ApplyReport> => ({
      plan,
      outcomes: [
        { lb: 'lb-0', status: 'verified', replies: [''] },
        { lb: 'lb-1', status: 'unknown', replies: [], detail: 'reply to "set server" lost (no complete reply within 1000 ms); HAProxy now says ready' },
      ],
      ok: false,
      rollbackOffered: ['lb-0', 'lb-1'],
      leftOut: [],
    });
    const app = await renderApp(services, { columns: 160, rows: 40 });
    await select(app, 'k8s-http-ingress/ingress1');
    await app.press('d');
    clock.now += 1000;
    await app.press('y');
    const frame = app.frame();
    expect(frame).toMatch(/lb-1\s+UNKNOWN/);
    expect(frame).toMatch(/reply to "set server" lost/);
    expect(frame).toMatch(/1 UNKNOWN/);
    expect(frame).toMatch(/can be rolled back: lb-0, lb-1/);
  });
});
