// OUTPUT (!): what the last user command printed, opened when one runs. j/k and pages scroll; [ and ] step to an
// older or newer run of this session; Esc goes back to the view it was run from.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { ScrollText } from '../../components/ScrollText.js';
import { tokenProps, useTheme } from '../../theme-context.js';
import type { PanelProps } from '../types.js';
import { usePanelKeys } from '../usePanelKeys.js';
import { outputLines } from './output-lines.js';
import { useUserRuns } from './useUserRuns.js';

export function OutputPanel(props: PanelProps) {
  const theme = useTheme();
  const runs = useUserRuns(props.services);
  // null: follow the newest run (a new one shows as soon as it starts).
  const [picked, setPicked] = useState<number | null>(null);
  const [top, setTop] = useState(0);
  const index = picked === null ? runs.length - 1 : Math.min(picked, runs.length - 1);
  const lines = outputLines(runs[index], props.now);
  const height = Math.max(1, props.height - 1);
  const maxTop = Math.max(0, lines.length - height);
  const scroll = (to: number) => () => setTop(Math.max(0, Math.min(maxTop, to)));
  const step = (by: number) => () => {
    const next = Math.max(0, Math.min(runs.length - 1, index + by));
    setPicked(next === runs.length - 1 ? null : next);
    setTop(0);
  };
  const back = props.shell.ui.back;
  usePanelKeys(props, 'output', {
    'output.back': () => props.go(back === 'output' ? 'status' : back),
    'nav.down': scroll(top + 1),
    'nav.up': scroll(top - 1),
    'nav.pageDown': scroll(top + height - 1),
    'nav.pageUp': scroll(top - height + 1),
    'nav.home': scroll(0),
    'nav.end': scroll(maxTop),
    'output.older': { disabled: () => (index <= 0 ? 'no older run in this session' : null), run: step(-1) },
    'output.newer': { disabled: () => (index >= runs.length - 1 ? 'this is the newest run' : null), run: step(1) },
  });
  const title = runs.length === 0 ? 'OUTPUT' : `OUTPUT — ${runs[index]!.name} (run ${index + 1} of ${runs.length})`;
  return (
    <Box flexDirection="column" height={props.height}>
      <Text wrap="truncate" {...tokenProps(theme, 'table.header')}>{title}</Text>
      <ScrollText lines={lines} height={height} top={Math.min(top, maxTop)} />
    </Box>
  );
}
