// A node name carried by servers on several machines (seed 000's worker1 in three clusters) plans nothing: this
// dialog lists the machines — address, clusters, backends, the servers there — and Enter previews the one
// picked (its address), as `lbtop node` refuses with the same list. Nothing is sent from here.
import { Box, Text } from 'ink';
import type { NodeCandidate } from '../../model/fleet.js';
import type { Keymap } from '../../keymap/resolve.js';
import { useScopeCommands } from '../hooks/useCommands.js';
import { tokenProps, useTheme } from '../theme-context.js';

export interface NodeChoice {
  asked: string;
  action: 'drain' | 'maint' | 'ready';
  candidates: NodeCandidate[];
  index: number;
}

export interface NodeChooserProps {
  choice: NodeChoice;
  height: number;
  keymap: Keymap;
  onMove(index: number): void;
  onPick(address: string): void;
  onCancel(): void;
  onMessage(text: string, level: 'info' | 'error'): void;
}

export function candidateLine(c: NodeCandidate): string {
  const servers = [...new Set(c.members.map((m) => `${m.backend}/${m.server}`))];
  const lbs = [...new Set(c.members.map((m) => m.lb))];
  return `${c.address}  cluster ${c.clusters.join(', ')}  backends ${c.backends.join(', ')}  servers ${servers.join(', ')} on ${lbs.join(', ')}`;
}

export function NodeChooser({ choice, height, keymap, onMove, onPick, onCancel, onMessage }: NodeChooserProps) {
  const theme = useTheme();
  const n = choice.candidates.length;
  const move = (by: number) => () => onMove(Math.max(0, Math.min(n - 1, choice.index + by)));
  useScopeCommands(keymap, 'chooser', {
    'nav.down': move(1),
    'nav.up': move(-1),
    'nav.pageDown': move(n),
    'nav.pageUp': move(-n),
    'chooser.pick': () => onPick(choice.candidates[choice.index]!.address),
    'chooser.cancel': onCancel,
  }, { isActive: true, onMessage });
  const inner = Math.max(1, height - 5);
  const top = Math.max(0, Math.min(choice.index - inner + 1, n - inner));
  return (
    <Box flexDirection="column" borderStyle="round" height={height} {...{ borderColor: tokenProps(theme, 'dialog.border').color }}>
      <Text wrap="truncate" {...tokenProps(theme, 'dialog.danger')}>
        NODE {choice.asked}: {n} machines carry that name — a node is one machine; nothing is planned yet
      </Text>
      <Text wrap="truncate" {...tokenProps(theme, 'text.dim')}>
        pick the machine to {choice.action} (every server at its address, whatever its name), or Esc
      </Text>
      {choice.candidates.slice(Math.max(0, top), Math.max(0, top) + inner).map((c, i) => {
        const at = Math.max(0, top) + i;
        return (
          <Text key={c.address} wrap="truncate" {...(at === choice.index ? tokenProps(theme, 'row.selected') : {})}>
            {at === choice.index ? '> ' : '  '}
            {candidateLine(c)}
          </Text>
        );
      })}
      <Box flexGrow={1} />
      <Text wrap="truncate" {...tokenProps(theme, 'prompt')}>
        Enter preview this machine   ↑↓ choose   Esc cancel
      </Text>
    </Box>
  );
}
