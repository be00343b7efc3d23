// The TUI's composition: the fleet runtime's pollers start first, then the first frame is drawn without Ink when
// the first poll comes back soon, and only then is the UI imported (Ink, React and the views are their own chunk), with the
// services it is handed (src/cli/tui-services.ts). Failover code loads only when an LB declares a failover stack;
// the map editor's views' code when one of them is opened (src/runtime/load-on-first-call.ts).
import type { LbtopConfig } from '../model/config.js';
import type { FleetRuntime } from '../runtime/fleet-core.js';
import type { PassphrasePrompts } from './passphrase/prompts.js';

export async function runInteractive(config: LbtopConfig, runtime: FleetRuntime, options: { version: string; prompts?: PassphrasePrompts; hint?: string; auditPath?: string }): Promise<number> {
  // Focused polling (src/sources/haproxy/focused-stat.ts): the screen will say which backends it shows; until it
  // does, the first poll reads the frontend and backend rows only, and the servers follow at once.
  runtime.focus(new Set());
  runtime.start();
  // A local fleet's first poll answers before Ink and React are compiled: its data is drawn at once, without
  // them (src/ui/first-frame/), and the UI code loads after it.
  const { showFirstFrame } = await import('../ui/first-frame/show.js');
  const opened = await showFirstFrame(config, runtime.store, { version: options.version, ...(options.hint ? { hint: options.hint } : {}) });
  const [{ runTui }, { tuiServices }] = await Promise.all([import('../ui/run.js'), import('./tui-services.js')]);
  const services = await tuiServices(config, runtime, options);
  try {
    return await runTui(services.app, opened ? { opened } : {});
  } finally {
    // A handshake still waiting for a passphrase is refused, not left hanging, once the TUI is gone.
    options.prompts?.close();
    services.stop();
  }
}
