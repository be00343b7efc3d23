// 0-LB-DRIFT as a panel: its data (the disagreements of the fleet on screen, computed only while shown), its
// cursor (following its line across refreshes) and its render, in this folder.
import { useLayoutEffect, useMemo } from 'react';
import { positionText } from '../../state/chrome.js';
import type { PanelProps } from '../types.js';
import { useListNav } from '../useListNav.js';
import { usePanelKeys } from '../usePanelKeys.js';
import { driftLines, LbDriftView } from './LbDriftView.js';

export function LbDriftPanel(p: PanelProps) {
  const drift = useMemo(() => driftLines(p.fleet), [p.fleet]);
  const index = useMemo(() => new Map(drift.keys.map((k, i) => [k, i])), [drift]);
  const height = Math.max(1, p.height - 1); // the title line stays above the list
  const nav = useListNav(drift.lines.length, height, { keyAt: (i) => drift.keys[i], indexOf: (k) => index.get(k) });
  usePanelKeys(p, 'lbdrift', nav.handlers);
  const position = positionText('line', nav.index, drift.lines.length);
  const { setPosition } = p;
  useLayoutEffect(() => setPosition(position), [setPosition, position]);
  return <LbDriftView drift={drift} height={height} selected={nav.index} top={nav.top} />;
}
