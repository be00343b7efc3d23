// The first screen, drawn before Ink and React have loaded. Loading and compiling them takes longer than the
// first poll of a local HAProxy (about 0.25 s of a 0.45 s start at 10,000 servers), so the operator would wait
// for the UI code with the data already in hand. This draws what the App's first frame shows — header, the
// STATUS table with the first row selected, footer — from the same pure pieces the components use (columns,
// rows, hints, tokens); the screen writer keeps it, and Ink's first frame then rewrites only the cells that
// differ (none, when both agree: test/ui/first-frame.test.ts holds them to it). Keys typed meanwhile wait in
// stdin for Ink. Nothing here imports Ink or React.
import type { Keymap } from '../../keymap/resolve.js';
import { hintsFor } from '../../keymap/resolve.js';
import type { Fleet } from '../../model/fleet.js';
import type { Theme } from '../../theme/tokens.js';
import { columnsFor, fitColumns } from '../columns/index.js';
import { headerText, NO_DATA_YET, statsRowLines } from '../columns/draw-cells.js';
import { computeLayout } from '../layout.js';
import { flattenFleet } from '../rows/flatten.js';
import { lbInfos } from '../rows/health.js';
import { positionText } from '../state/chrome.js';
import { tokenProps } from '../token-props.js';
import { headerLines, footerLines } from '../chrome-lines.js';
import { styled, truncated } from '../styled-text.js';

export interface FirstFrameInput {
  fleet: Fleet;
  version: string;
  keymap: Keymap;
  theme: Theme;
  /** The demo's first-key hint, in the flash line. */
  hint?: string;
  columns: number;
  rows: number;
  now: number;
}

export function firstFrame(input: FirstFrameInput): string | null {
  const layout = computeLayout(input.columns, input.rows);
  if (layout.tooSmall) return null;
  const { theme, fleet } = input;
  const rows = flattenFleet(fleet, { filter: '', expanded: false });
  // Header and footer from the lines Header.tsx and Footer.tsx draw, with the App's state at start.
  const header = headerLines({
    version: input.version,
    clusters: fleet.clusters.filter((c) => !c.implicit).map((c) => c.name),
    lbs: fleet.lbs,
    readOnly: input.keymap.readOnly,
    scope: null,
    view: 'status',
    filter: '',
    expanded: false,
    position: positionText('row', 0, rows.length),
    now: input.now,
  }, theme, layout.width);
  const footer = footerLines({
    hints: hintsFor(input.keymap, 'table'),
    readOnly: input.keymap.readOnly,
    flash: input.hint ? { text: input.hint, level: 'info', at: 0 } : null,
    prompt: null,
    candidates: [],
  }, theme, layout.width);
  // Body (panels/stats/StatsView.tsx): the column header, then the rows on screen, the first one selected.
  const lbs = lbInfos(fleet.lbs);
  const columns = fitColumns(columnsFor('status', lbs), layout.width);
  const ctx = { lbs, ascii: theme.ascii === true };
  const lines = [...header, truncated(styled(headerText(columns, null, ctx.ascii), tokenProps(theme, 'table.header')), layout.width)];
  const height = Math.max(1, layout.body - 1);
  lines.push(...statsRowLines(rows, { top: 0, height, selected: 0 }, columns, ctx, new Map(), input.now, theme));
  if (rows.length === 0) lines.push(truncated(styled(NO_DATA_YET, tokenProps(theme, 'text.dim')), layout.width));
  while (lines.length < 3 + layout.body) lines.push('');
  return [...lines, ...footer].join('\n');
}
