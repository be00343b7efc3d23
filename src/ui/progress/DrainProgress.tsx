// The node drain's follow-up as an overlay over any view (it opens when a node drain starts, P brings it back):
// its keys (scope `progress`, which owns the keyboard) and its render. Esc closes it while the follow goes on in
// the flash line; x ends what a drain stuck past its timeout left; m puts the drained node in maintenance.
import { previewNode } from '../handlers/fleet-actions.js';
import type { PanelProps } from '../panels/types.js';
import { usePanelKeys } from '../panels/usePanelKeys.js';
import { DrainProgressView } from './DrainProgressView.js';
import { endSessionsRefusal, previewLeftSessions } from './drain-sessions.js';

export function DrainProgress(props: PanelProps) {
  const { shell, services, preview, flash, height } = props;
  const drain = shell.drain;
  const follow = drain.follow!;
  // The status line and the column header stand above the rows.
  const page = Math.max(1, height - 2);
  const to = (top: number) => () => drain.scroll(Math.max(0, Math.min(Math.max(0, follow.progress.rows.length - page), top)));
  usePanelKeys(props, 'progress', {
    'progress.close': () => {
      drain.close();
      flash(`${follow.node}: the follow-up goes on here in the flash line; P shows it again`, 'info');
    },
    // A plan, previewed like any write.
    'progress.endSessions': { disabled: () => endSessionsRefusal(follow, services), run: () => void previewLeftSessions(follow, services, preview, flash) },
    'progress.maint': {
      disabled: () => (follow.action === 'maint' ? `${follow.node} is already in maintenance` : null),
      run: () => previewNode({ services, fleet: shell.rows.fleet, preview, choose: shell.choose, flash }, follow.address ?? follow.node, 'maint'),
    },
    'nav.down': to(drain.top + 1),
    'nav.up': to(drain.top - 1),
    'nav.pageDown': to(drain.top + page - 1),
    'nav.pageUp': to(drain.top - page + 1),
    'nav.home': to(0),
    'nav.end': to(follow.progress.rows.length),
  });
  return <DrainProgressView follow={follow} height={height} top={drain.top} now={props.now} />;
}
