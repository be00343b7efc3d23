// The VIPS (V) and BGP (B) views as a panel: their keys (scope `failover`, failover-handlers.ts, and lbtop.yaml's
// VIP commands on the selected VIP) and their body (FailoverBody, which shows the failover dialog in its place
// while one is open). Their state stays the App's (PanelProps.shell.failover): the header's VIP alarm reads it.
import { userCommandHandlers } from '../handlers/user-commands.js';
import type { PanelProps } from '../panels/types.js';
import { usePanelKeys } from '../panels/usePanelKeys.js';
import { failoverHandlers } from './failover-handlers.js';
import { FailoverBody } from './FailoverBody.js';
import type { FailoverView } from './failover-ui-state.js';

export function FailoverPanel(props: PanelProps) {
  const { shell, services, width, height, keymap, flash } = props;
  const view = shell.ui.view as FailoverView;
  const api = shell.failover;
  const vip = view === 'vips' ? api.data.vips[api.ui.cursor.vips] : undefined;
  usePanelKeys(props, 'failover', {
    ...failoverHandlers(api, view, Math.max(1, height - 3), services.failover !== undefined),
    ...userCommandHandlers({ services, fleet: props.fleet, row: undefined, targetLb: shell.ui.scope, vip, preview: props.preview, showOutput: () => props.go('output'), flash }),
  });
  return <FailoverBody view={view} api={api} width={width} height={height} keymap={keymap} onMessage={flash} />;
}
