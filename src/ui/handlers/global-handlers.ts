// The keys that act in every view (scope `global`): quit, help, the view switches and the incident snapshot.
// Typed over the scope, so a global command added to bindings.ts without a handler here does not compile. A view
// key whose panel is not in this build says so (registry.ts) instead of showing an empty body.
import type { Handler, HandlerFn, ScopeHandlers } from '../hooks/useCommands.js';
import { panelFor } from '../panels/registry.js';
import type { AppServices } from '../services.js';
import type { UiAction, UiState } from '../state/ui-state.js';
import { cycleView, VIEWS, type ViewId } from '../state/views.js';

export interface GlobalContext {
  ui: UiState;
  dispatch(action: UiAction): void;
  services: AppServices;
  quit(): void;
  flash(text: string, level: 'info' | 'ok' | 'error'): void;
}

export function globalHandlers(ctx: GlobalContext): ScopeHandlers<'global'> {
  const { ui, dispatch } = ctx;
  const from = ui.view === 'help' ? ui.back : ui.view;
  const go = (view: ViewId): Handler => ({
    disabled: () => (panelFor(view) ? null : `${VIEWS.find((v) => v.id === view)?.title ?? view} is not available in this build`),
    run: () => dispatch({ type: 'view', view }),
  });
  const snapshot: HandlerFn = () => {
    if (!ctx.services.snapshot) return 'snapshots are not available here';
    ctx.flash('writing the snapshot…', 'info');
    ctx.services.snapshot().then(
      (file) => ctx.flash(`snapshot written: ${file} (+ .txt)`, 'ok'),
      (error: unknown) => ctx.flash(`snapshot failed: ${error instanceof Error ? error.message : String(error)}`, 'error'),
    );
  };
  return {
    'app.quit': ctx.quit,
    'app.help': () => dispatch({ type: 'view', view: ui.view === 'help' ? ui.back : 'help' }),
    'view.next': () => dispatch({ type: 'view', view: cycleView(from, 1) }),
    'view.prev': () => dispatch({ type: 'view', view: cycleView(from, -1) }),
    'view.status': go('status'),
    'view.traffic': go('traffic'),
    'view.http': go('http'),
    'view.errors': go('errors'),
    'view.cli': go('cli'),
    'view.events': go('events'),
    'view.lbdrift': go('lbdrift'),
    'view.maps': go('maps'),
    'view.drift': go('drift'),
    'view.certs': go('certs'),
    'view.vips': go('vips'),
    'view.bgp': go('bgp'),
    'view.sessions': go('sessions'),
    'view.captures': go('captures'),
    'view.tables': go('tables'),
    'view.history': go('history'),
    'view.nodes': go('nodes'),
    'view.output': go('output'),
    'app.snapshot': snapshot,
  };
}
