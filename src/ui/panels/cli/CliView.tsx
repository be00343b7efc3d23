// View 5: raw runtime-API commands to one LB (hatop's CLI mode), with scrollable output and history.
import { Box, Text } from 'ink';
import { ScrollText, plain } from '../../components/ScrollText.js';
import type { CliState } from '../../state/cli-state.js';
import { tokenProps, useTheme } from '../../theme-context.js';

export interface CliViewProps {
  cli: CliState;
  height: number;
  readOnly: boolean;
}

export function CliView({ cli, height, readOnly }: CliViewProps) {
  const theme = useTheme();
  const outputHeight = Math.max(1, height - 2);
  const lines = cli.lines.map((l) => (l.startsWith(`${cli.lb}> `) || /^\S+> /.test(l) ? plain(l, 'prompt') : plain(l)));
  const top = Math.max(0, lines.length - outputHeight - cli.scroll);
  const note = readOnly ? ' (READ-ONLY: show, get and help only)' : '';
  return (
    <Box flexDirection="column" height={height}>
      {lines.length === 0 ? (
        <Box height={outputHeight} flexDirection="column">
          <Text wrap="truncate" {...tokenProps(theme, 'text.dim')}>
            Runtime-API commands go to {cli.lb || '(no LB)'} as typed{note}. Try: show info, show servers state, help.
          </Text>
        </Box>
      ) : (
        <ScrollText lines={lines} height={outputHeight} top={top} />
      )}
      <Text wrap="truncate" {...tokenProps(theme, 'text.dim')}>
        {cli.scroll > 0 ? `── scrolled up ${cli.scroll} lines (PgDn) ──` : '──'}
        {cli.busy ? ' waiting for the reply…' : ''}
      </Text>
      <Text wrap="truncate">
        <Text {...tokenProps(theme, 'prompt')}>{cli.lb}&gt; </Text>
        <Text {...tokenProps(theme, 'text')}>{cli.input}▏</Text>
      </Text>
    </Box>
  );
}
