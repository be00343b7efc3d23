// The MAPS/DRIFT/CERTS/TRACE views in the real App (ink-testing-library, keys through stdin) on a real HAProxy:
// change an entry with a preview, edit the whole list in $EDITOR (a real editor process: a script), the DRIFT
// marker in the header, and :trace.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMapsServices } from '../../src/runtime/maps-ui-services.js';
import { editInEditor } from '../../src/transport/editor.js';
import { demoStore, fakeServices, KEYS, NOW, renderApp } from '../ui/helpers.js';
import { startMapsLab, type MapsLab } from '../support/lab/maps-lab.js';

const HOST = 'nginx.k8s01-dev.example.net';

describe('the map editor\'s views in the TUI', () => {
  let lab: MapsLab;
  const clock = { now: NOW };
  afterEach(() => cleanup());
  beforeAll(async () => {
    lab = await startMapsLab(['lb-a']);
  });
  afterAll(async () => lab?.close());

  async function app() {
    const editor = path.join(lab.root, 'editor.sh');
    // The "editor": appends one entry to the file it is given, as an operator would.
    writeFileSync(editor, '#!/bin/sh\nprintf "added.example.org be_api\\n" >> "$1"\n');
    chmodSync(editor, 0o755);
    const { services } = fakeServices({ store: demoStore(clock), clock });
    const maps = { ...createMapsServices(lab.deps, () => clock.now), editText: (t: string, n: string) => editInEditor(t, n, { ...process.env, EDITOR: editor }) };
    const ui = await renderApp({ ...services, maps }, { columns: 160, rows: 40 });
    const until = async (text: string | RegExp, ms = 8000) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        const f = ui.frame();
        if (typeof text === 'string' ? f.includes(text) : text.test(f)) return f;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`not on screen after ${ms} ms: ${String(text)}\n${ui.frame()}`);
    };
    return { ui, until };
  }

  it('MAPS: open hosts.map, change an entry through the preview, and it is live and on disk', async () => {
    const { ui, until } = await app();
    await ui.press('7');
    await until('hosts.map');
    expect(ui.frame()).toMatch(/7-MAPS/);
    expect(ui.frame()).toMatch(/hosts\.map\s+9\s+lb-a\s+default:37 map_dom/);
    // Select hosts.map (files are sorted: edge, hosts, ...) and open it.
    await ui.press(KEYS.down, KEYS.enter);
    await until(`${HOST} https_k8s01_dev_backend`);
    const row = ui.lines().findIndex((l) => l.includes(HOST));
    const first = ui.lines().findIndex((l) => l.includes('nginx.k8s02-dev.example.net https_k8s02_dev_backend'));
    for (let i = first; i < row; i++) await ui.press(KEYS.down);
    await ui.press('c');
    await until(`new value for ${HOST}`);
    await ui.press(...Array(30).fill(KEYS.backspace));
    await ui.type('https_k8s02_dev_backend');
    await ui.press(KEYS.enter);
    const preview = await until('y send');
    expect(preview).toContain(`set map ${lab.map('lb-a', 'hosts.map')} ${HOST} https_k8s02_dev_backend`);
    expect(preview).toContain(`-${HOST} https_k8s01_dev_backend`);
    expect(readFileSync(lab.map('lb-a', 'hosts.map'), 'utf8')).toContain(`${HOST} https_k8s01_dev_backend`);
    clock.now += 1000;
    await ui.press('y');
    await until(/lb-a: applied[\s\S]*verified/);
    expect(await lab.curl('lb-a', 'default.sock', HOST)).toBe('https_k8s02_dev_backend');
    expect(readFileSync(lab.map('lb-a', 'hosts.map'), 'utf8')).toContain(`${HOST} https_k8s02_dev_backend`);
    await ui.press(KEYS.enter);
    // $EDITOR on the whole list: the script adds one entry; the preview shows it; y applies with prepare/commit.
    await ui.press('E');
    const edited = await until('y send');
    expect(edited).toContain('+added.example.org be_api');
    expect(edited).toContain(`prepare map ${lab.map('lb-a', 'hosts.map')}`);
    clock.now += 1000;
    await ui.press('y');
    await until(/lb-a: applied/);
    expect(await lab.curl('lb-a', 'default.sock', 'added.example.org')).toBe('be_api');
  });

  it('DRIFT marker in the header, DRIFT view, and :trace in the TRACE view', async () => {
    await lab.deps.clients.get('lb-a')!.send(`add map ${lab.map('lb-a', 'hosts.map')} runtime-only.example.net be_api`);
    const { ui, until } = await app();
    await until('DRIFT 1 vs disk');
    await ui.press('8');
    await until(/lb-a\s+map .*hosts\.map\s+1 entry differs/);
    expect(ui.frame()).toContain('runtime only: runtime-only.example.net be_api');
    await ui.press(':');
    await until('trace HOST[:PORT][/PATH]');
    await ui.type(`${HOST}/`);
    await ui.press(KEYS.enter);
    await until(/default → https_k8s02_dev_backend/);
  });
});
