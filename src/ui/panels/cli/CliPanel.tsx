// View 5: raw runtime-API commands to one LB (hatop's CLI mode). Printable keys type into the line; the session
// (output, history, target LB) is the App's (PanelProps.shell.cli), so it survives switching views.
import { Box } from 'ink';
import { useLayoutEffect } from 'react';
import type { PanelProps } from '../types.js';
import { usePanelKeys } from '../usePanelKeys.js';
import { CliView } from './CliView.js';

export function CliPanel(props: PanelProps) {
  const { shell, height, setPosition } = props;
  const { cli, ui, dispatch } = shell;
  const lbCount = shell.rows.fleet.lbs.length;
  // The output scrolls by a page: the body less the rule, the prompt line and one line of context.
  const page = Math.max(1, height - 3);
  const position = `to ${cli.state.lb}`;
  useLayoutEffect(() => setPosition(position), [setPosition, position]);
  usePanelKeys(
    props,
    'cli',
    {
      'cli.send': () => cli.send(),
      'cli.history.prev': () => cli.history(-1),
      'cli.history.next': () => cli.history(1),
      'cli.scroll.up': () => cli.scroll(page, page),
      'cli.scroll.down': () => cli.scroll(-page, page),
      'cli.lb.next': { disabled: () => (lbCount < 2 ? 'only one LB is configured' : null), run: cli.nextLb },
      'cli.clear': () => cli.setInput(''),
      'cli.back': () => dispatch({ type: 'view', view: ui.back === 'cli' ? 'status' : ui.back }),
    },
    cli.edit,
  );
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <CliView cli={cli.state} height={height} readOnly={props.keymap.readOnly} />
    </Box>
  );
}
