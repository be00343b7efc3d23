// `?`: help generated from the keymap (help-lines.ts), scrolled with the usual navigation keys. Help has no
// cursor, only a scroll position; it opens at the top each time (a new panel each time it is shown).
import { useMemo, useState } from 'react';
import { ScrollText } from '../../components/ScrollText.js';
import { move, type NavMove } from '../../state/selection.js';
import type { PanelProps } from '../types.js';
import { usePanelKeys } from '../usePanelKeys.js';
import { helpLines } from './help-lines.js';

export function HelpPanel(props: PanelProps) {
  const { keymap, height, shell } = props;
  const lines = useMemo(() => helpLines(keymap), [keymap]);
  const [scroll, setScroll] = useState(0);
  const maxTop = Math.max(0, lines.length - height);
  const top = Math.min(scroll, maxTop);
  const to = (how: NavMove) => () => setScroll(Math.max(0, Math.min(maxTop, move(top, how, maxTop + 1, height))));
  usePanelKeys(props, 'help', {
    'nav.down': to('down'),
    'nav.up': to('up'),
    'nav.pageDown': to('pageDown'),
    'nav.pageUp': to('pageUp'),
    'nav.home': to('home'),
    'nav.end': to('end'),
    'help.close': () => shell.dispatch({ type: 'view', view: shell.ui.back }),
  });
  return <ScrollText lines={lines} height={height} top={top} />;
}
