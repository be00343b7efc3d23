import { cleanup } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoStore, fakeServices, KEYS, NOW, renderApp } from './helpers.js';

afterEach(() => cleanup());

/** Selects a server row by jumping to it. */
async function select(app: Awaited<ReturnType<typeof renderApp>>, name: string) {
  await app.press(':');
  await app.type(name);
  await app.press(KEYS.enter);
}

describe('write flow: preview, confirm, report', () => {
  let clock = { now: NOW };
  beforeEach(() => {
    clock = { now: NOW };
  });
  /** The operator reads the preview: confirm keys are refused for CONFIRM_GUARD_MS after it opens. */
  const read = () => {
    clock.now += 1000;
  };

  it('d on a server previews the exact commands per LB and sends nothing until y', async () => {
    const { services, calls } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services, { columns: 140, rows: 40 });
    await select(app, 'k8s-http-ingress/ingress1');
    await app.press('d');
    const frame = app.frame();
    expect(frame).toContain('PREVIEW: drain k8s-http-ingress/ingress1 on lb-0, lb-1');
    expect(frame).toMatch(/lb-0\s+k8s-http-ingress\/ingress1\s+ready\s+drain\s+\d+/);
    expect(frame).toMatch(/lb-1\s+k8s-http-ingress\/ingress1\s+ready\s+drain/);
    expect(frame).toMatch(/\[lb-0\] set server k8s-http-ingress\/ingress1 state drain/);
    expect(frame).toMatch(/\[lb-1\] set server k8s-http-ingress\/ingress1 state drain/);
    expect(frame).toContain('y send');
    // Keys that would act elsewhere do nothing while the dialog owns the keyboard.
    await app.press('j', 'q', '2', 'm', KEYS.tab);
    expect(app.frame()).toContain('PREVIEW: drain');
    expect(calls.apply).toEqual([]);

    read();
    await app.press('y');
    expect(calls.apply).toHaveLength(1);
    expect(calls.apply[0]!.commands.map((c) => `${c.lb}: ${c.command}`)).toEqual([
      'lb-0: set server k8s-http-ingress/ingress1 state drain',
      'lb-1: set server k8s-http-ingress/ingress1 state drain',
    ]);
    expect(app.frame()).toContain('DONE: drain k8s-http-ingress/ingress1');
    expect(app.frame()).toMatch(/lb-0\s+verified/);
    expect(app.frame()).toMatch(/lb-1\s+verified/);
    await app.press('y'); // a second y after the report sends nothing more
    expect(calls.apply).toHaveLength(1);
    await app.press(KEYS.esc);
    expect(app.frame()).not.toContain('DONE:');
    expect(app.frame()).toContain('verified on 2 LB(s)');
  });

  it('a y typed right after d is refused: the preview must be seen first', async () => {
    const { services, calls } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    await select(app, 'k8s-http-ingress/ingress2');
    await app.press('d', 'y');
    expect(app.frame()).toContain('read the preview first, then confirm');
    expect(app.frame()).toContain('PREVIEW: drain');
    expect(calls.apply).toEqual([]);
    read();
    await app.press('y');
    expect(calls.apply).toHaveLength(1);
  });

  it('a plan with a confirmation word is sent only once the word is typed', async () => {
    const { services, calls } = fakeServices({ store: demoStore(clock), clock });
    const withWord = { ...services, planServerAdmin: (...args: Parameters<typeof services.planServerAdmin>) => ({ ...services.planServerAdmin(...args), confirmWord: 'rancher' }) };
    const app = await renderApp(withWord);
    await select(app, 'k8s-http-ingress/ingress1');
    await app.press('m');
    read();
    expect(app.frame()).toContain('type "rancher" and Enter to send');
    await app.press('y', KEYS.enter);
    expect(calls.apply).toEqual([]);
    await app.press(KEYS.backspace);
    await app.type('rancher');
    expect(app.frame()).toContain('Esc cancels: rancher▏');
    await app.press(KEYS.enter);
    expect(calls.apply).toHaveLength(1);
  });

  it('Esc cancels: nothing is sent', async () => {
    const { services, calls } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    await select(app, 'k8s-http-ingress/ingress2');
    await app.press('m');
    expect(app.frame()).toContain('PREVIEW: maint k8s-http-ingress/ingress2');
    await app.press(KEYS.esc);
    expect(app.frame()).not.toContain('PREVIEW');
    expect(app.frame()).toContain('cancelled: nothing was sent');
    expect(calls.apply).toEqual([]);
  });

  it('F5 previews weight −10 and a lowers it per LB', async () => {
    const { services, calls } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services, { columns: 140, rows: 40 });
    await select(app, 'k8s-http-ingress/ingress3');
    await app.press('a'); // scope: lb-0 only... first LB of the fleet is homelab, which lacks this server
    expect(app.frame()).toContain('actions on homelab only');
    await app.press(KEYS.f5);
    expect(app.frame()).toContain('k8s-http-ingress/ingress3 is not on homelab (a changes the target LBs)');
    await app.press('a');
    expect(app.frame()).toContain('actions on lb-0 only');
    await app.press(KEYS.f5);
    expect(app.frame()).toMatch(/\[lb-0\] set server k8s-http-ingress\/ingress3 weight 0/);
    expect(app.frame()).not.toMatch(/\[lb-1\] set server/);
    await app.press('n');
    expect(calls.apply).toEqual([]);
  });

  it('a write key on a backend row says why it cannot act', async () => {
    const { services, calls } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services);
    await select(app, 'k3s-backend');
    await app.press('d');
    expect(app.frame()).toContain('select a server row first (this is a backend row)');
    expect(app.frame()).not.toContain('PREVIEW');
    expect(calls.apply).toEqual([]);
  });

  it('a partial failure is reported LB by LB, and R rolls back the LBs that changed', async () => {
    const { services, calls } = fakeServices({ store: demoStore(clock), clock, failLb: 'lb-1' });
    const app = await renderApp(services, { columns: 140, rows: 40 });
    await select(app, 'k8s-http-ingress/ingress1');
    await app.press('m');
    read();
    await app.press('y');
    expect(app.frame()).toContain('PROBLEM: maint k8s-http-ingress/ingress1');
    expect(app.frame()).toMatch(/lb-0\s+verified/);
    expect(app.frame()).toMatch(/lb-1\s+FAILED/);
    expect(app.frame()).toContain('HAProxy: No such server.');
    expect(app.frame()).toMatch(/\[lb-0\] set server k8s-http-ingress\/ingress1 state ready/);
    expect(app.frame()).toContain('R roll back lb-0');
    await app.press('R');
    expect(calls.rollback).toHaveLength(1);
    expect(calls.rollback[0]!.rollbackOffered).toEqual(['lb-0']);
    expect(app.frame()).toContain('DONE: roll back: maint k8s-http-ingress/ingress1');
  });

  it('per-LB sub-rows (e) act on their own LB only', async () => {
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const app = await renderApp(services, { columns: 140, rows: 40 });
    await app.press('e');
    await select(app, 'k8s-http-ingress/ingress1@lb-1');
    await app.press('r');
    expect(app.frame()).toContain('PREVIEW: ready k8s-http-ingress/ingress1 on lb-1');
  });
});

describe('read-only', () => {
  const clock = { now: NOW };

  it('hides d/m/r from the footer, says READ-ONLY, and a press explains', async () => {
    const { services, calls } = fakeServices({ store: demoStore(clock), clock, readOnly: true });
    const app = await renderApp(services);
    const footer = () => app.lines().at(-1)!;
    expect(footer()).toContain('READ-ONLY');
    expect(footer()).not.toMatch(/\bdrain\b|\bmaint\b|\bready\b|weight/);
    expect(app.lines()[0]).toContain('READ-ONLY');
    await select(app, 'k8s-http-ingress/ingress1');
    await app.press('d');
    expect(app.frame()).toContain('READ-ONLY: d (drain the selected server (no new sessions)) is disabled');
    await app.press(KEYS.f10);
    expect(app.frame()).toContain('READ-ONLY: m/F10');
    expect(app.frame()).not.toContain('PREVIEW');
    expect(calls.apply).toEqual([]);
  });

  it('help lists the write keys as disabled', async () => {
    const { services } = fakeServices({ store: demoStore(clock), clock, readOnly: true });
    const app = await renderApp(services, { columns: 120, rows: 400 });
    await app.press('?');
    const [enabled, disabled] = app.frame().split('Disabled by --read-only');
    expect(enabled).not.toContain('Drain the selected server');
    expect(disabled).toContain('Drain the selected server');
  });
});
