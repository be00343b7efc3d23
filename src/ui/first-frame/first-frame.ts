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
import type { Theme, Token } from '../../theme/tokens.js';
import { columnsFor, fitColumns } from '../columns/index.js';
import { drawCells, headerText, ROW_TOKEN } from '../columns/draw-cells.js';
import { computeLayout } from '../layout.js';
import { flattenFleet } from '../rows/flatten.js';
import { healthItems } from '../rows/fleet-health.js';
import { healthLabel, lbInfos } from '../rows/health.js';
import { positionText } from '../state/chrome.js';
import { VIEWS } from '../state/views.js';
import { tokenProps } from '../token-props.js';
import { styled, truncated } from './styled.js';

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

const HEALTH_TOKEN: Record<ReturnType<typeof healthLabel>, Token> = { ok: 'header.ok', stale: 'header.stale', down: 'header.down', connecting: 'header.label' };

/** The frame as Ink would hand it to the screen stream: rows − 1 lines, styled; null when the App would not show a table. */
export function firstFrame(input: FirstFrameInput): string | null {
  const layout = computeLayout(input.columns, input.rows);
  if (layout.tooSmall) return null;
  const { theme, fleet } = input;
  const t = (text: string, token: Token) => styled(text, tokenProps(theme, token));
  const lines: string[] = [];
  // Header (components/Header.tsx): title, LB health, tabs with the position.
  const clusters = fleet.clusters.filter((c) => !c.implicit).map((c) => c.name);
  lines.push(
    t(`lbtop ${input.version}`, 'header.title') +
      (input.keymap.readOnly ? t(' READ-ONLY ', 'header.readonly') : '') +
      t(' clusters ', 'header.label') + t(clusters.join(' ') || '(none)', 'text') +
      t(' │ actions on ', 'header.label') + t('all LBs having the backend', 'text'),
  );
  lines.push(t('LBs ', 'header.label') + healthItems(fleet.lbs, input.now).map((item, i) => (i > 0 ? t(' │ ', 'header.label') : '') + t(item.text, HEALTH_TOKEN[item.label])).join(''));
  const rows = flattenFleet(fleet, { filter: '', expanded: false });
  const tabs = VIEWS.filter((v) => v.keyLabel === undefined || v.id === 'status').map((v) => t(` ${v.keyLabel ?? v.number}-${v.title} `, v.id === 'status' ? 'tab.active' : 'tab.inactive'));
  lines.push(tabs.join('') + t(`  ${positionText('row', 0, rows.length)}`, 'header.label'));
  // Body (panels/stats/StatsView.tsx): the column header, then the rows on screen, the first one selected.
  const lbs = lbInfos(fleet.lbs);
  const columns = fitColumns(columnsFor('status', lbs), layout.width);
  const ctx = { lbs, ascii: theme.ascii === true };
  lines.push(t(headerText(columns, null, ctx.ascii), 'table.header'));
  const height = Math.max(1, layout.body - 1);
  for (const [i, row] of rows.slice(0, height).entries()) {
    const cells = drawCells(row, columns, ctx, new Map(), input.now);
    const inner = cells.map((c) => (c.token ? t(c.text, c.token) : c.text)).join('');
    lines.push(styled(inner, tokenProps(theme, i === 0 ? 'row.selected' : ROW_TOKEN[row.kind])));
  }
  if (rows.length === 0) lines.push(t('no data yet: waiting for the first poll of any LB', 'text.dim'));
  while (lines.length < 3 + layout.body) lines.push('');
  // Footer (components/Footer.tsx): the flash line (the demo's hint), then the key hints of the table.
  lines.push(input.hint ? t(input.hint, 'flash.info') : t(' ', 'text'));
  lines.push(
    (input.keymap.readOnly ? t(' READ-ONLY ', 'header.readonly') : '') +
      hintsFor(input.keymap, 'table').map((h) => ` ${t(h.keys, 'footer.key')}${t(` ${h.label}`, 'footer.label')}`).join(''),
  );
  return lines.map((line) => truncated(line, layout.width)).join('\n');
}
