// The routing views (7 MAPS/ACLS, 8 DRIFT, 9 CERTS, and TRACE) as a panel: their keys (scope `routing`,
// routing-handlers.ts) and their body (RoutingBody, which shows the routing dialog in its place while one is
// open). Their state and the write flow stay the App's (PanelProps.shell.routing): the header's drift marker
// reads it in every view.
import type { PanelProps } from '../panels/types.js';
import { usePanelKeys } from '../panels/usePanelKeys.js';
import { routingHandlers } from './maps-handlers.js';
import { RoutingBody } from './MapsBody.js';
import type { RoutingView } from './maps-state.js';

export function RoutingPanel(props: PanelProps) {
  const { shell, height, keymap, flash } = props;
  const view = shell.ui.view as RoutingView;
  const available = props.services.routing !== undefined;
  const api = shell.routing.api;
  usePanelKeys(props, 'routing', routingHandlers({ api, view, page: Math.max(1, height - 3), go: props.go, edit: shell.routing.edit, available }));
  return <RoutingBody view={view} api={api} height={height} keymap={keymap} available={available} onMessage={flash} />;
}
