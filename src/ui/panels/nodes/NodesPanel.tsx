// K NODES: Kubernetes nodes through BGP (issue 16, seed 004). Each BGP peer BIRD on the LBs learns pod prefixes
// from is a node; the list shows its pods (the servers inside those prefixes, on every LB), how many are up, the
// LBs that learn it and its prefixes. Enter lists one node's pods; N previews draining the node (every pod, on
// every LB) in the one write dialog.
import { Box, Text } from 'ink';
import { useLayoutEffect, useMemo, useState } from 'react';
import { positionText } from '../../state/chrome.js';
import { plain, type Line } from '../../components/ScrollText.js';
import { tokenProps, useTheme } from '../../theme-context.js';
import type { PanelProps } from '../types.js';
import { useListNav } from '../useListNav.js';
import { usePanelKeys } from '../usePanelKeys.js';
import { mapNotes, nodeListLines, podLines } from './node-lines.js';
import { useBgpNodes } from './useBgpNodes.js';

function Row({ line, selected }: { line: Line; selected: boolean }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate" {...(selected ? tokenProps(theme, 'row.selected') : {})}>
      {line.map((s, j) => (
        <Text key={j} {...(s.token && !selected ? tokenProps(theme, s.token) : {})}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}

function keyed(keys: readonly string[]) {
  const index = new Map(keys.map((k, i) => [k, i]));
  return { keyAt: (i: number) => keys[i], indexOf: (k: string) => index.get(k) };
}

export function NodesPanel(props: PanelProps) {
  const { services, fleet, height } = props;
  const state = useBgpNodes(services.bgpNodes, fleet, services.now);
  const [opened, setOpened] = useState<string | null>(null);
  const map = state.map;
  const node = opened !== null ? (map?.nodes.find((n) => n.name === opened) ?? null) : null;
  const notes = map ? mapNotes(map) : [];
  const list = map ? (node ? podLines(node) : nodeListLines(map)) : null;
  const rows = Math.max(1, height - 2 - notes.length);
  // The cursor follows its node (or pod) when a new reading adds or removes lines above it.
  const nodeKeys = useMemo(() => (map ? nodeListLines(map).keys : []), [map]);
  const podKeys = useMemo(() => (node ? podLines(node).keys : []), [node]);
  const nodesNav = useListNav(nodeKeys.length, rows, keyed(nodeKeys));
  const podsNav = useListNav(podKeys.length, rows, keyed(podKeys));
  const nav = node ? podsNav : nodesNav;
  const selectedNode = node ?? map?.nodes[nodesNav.index] ?? null;
  const position = positionText(node ? 'pod' : 'node', nav.index, node ? podKeys.length : nodeKeys.length);
  const { setPosition } = props;
  useLayoutEffect(() => setPosition(position), [setPosition, position]);

  usePanelKeys(props, 'nodes', {
    ...nav.handlers,
    'nodes.open': {
      disabled: () => (node ? 'already listing its pods (Esc goes back)' : selectedNode ? null : 'no node selected'),
      run: () => selectedNode && setOpened(selectedNode.name),
    },
    'nodes.back': { disabled: () => (node ? null : 'already at the node list'), run: () => setOpened(null) },
    'nodes.drain': {
      disabled: () => (!services.planNode ? 'node actions are not available here' : !selectedNode ? 'no node selected' : selectedNode.pods.length === 0 ? `${selectedNode.name} has no pods behind the LBs` : null),
      run: () => {
        if (!selectedNode || !services.planNode || !map) return;
        // The map on screen, so the preview takes exactly the pods listed here.
        const plan = services.planNode(fleet, { node: selectedNode.name, action: 'drain', bgp: map });
        if (plan.changes.length === 0) return props.flash(plan.warnings.find((w) => w.includes('nothing to send')) ?? `nothing to drain on ${selectedNode.name}`, 'error');
        props.preview(plan);
      },
    },
  });

  let title: Line;
  if (!services.bgpNodes) title = plain('NODES: no LB declares bird: in lbtop.yaml, so lbtop knows no BGP nodes', 'header.stale');
  else if (!map) title = plain(state.error ? `NODES: reading BIRD failed: ${state.error}` : `NODES: reading BGP routes from BIRD on ${services.bgpNodes.lbs.join(', ')}…`, state.error ? 'header.down' : 'text.dim');
  else if (node) title = plain(`${node.name}: ${node.pods.length} pod(s) inside ${node.prefixes.join(', ')}  (Esc: back to the nodes)`, 'header.label');
  else title = plain(`NODES: ${map.nodes.length} node(s) through BGP on ${services.bgpNodes.lbs.join(', ')}${state.error ? ` (last read failed: ${state.error})` : ''}`, state.error ? 'header.stale' : 'header.label');
  const visible = list ? list.lines.slice(nav.top, nav.top + rows) : [];
  return (
    <Box flexDirection="column" height={height}>
      <Row line={title} selected={false} />
      {list && <Row line={list.header} selected={false} />}
      <Box flexDirection="column" height={rows} overflow="hidden">
        {visible.map((line, i) => (
          <Row key={list!.keys[nav.top + i]} line={line} selected={nav.top + i === nav.index} />
        ))}
      </Box>
      {notes.map((line, i) => (
        <Row key={`note${i}`} line={line} selected={false} />
      ))}
    </Box>
  );
}
