// View 6: the event timeline, newest first, windowed like the fleet table.
import { Text } from 'ink';
import type { TimelineEvent } from '../../../model/events.js';
import { eventColumns } from '../../columns/events.js';
import { fit } from '../../columns/format.js';
import { WindowedTable } from '../../components/WindowedTable.js';
import { tokenProps, useTheme } from '../../theme-context.js';

export interface EventsViewProps {
  /** Newest first. */
  events: readonly TimelineEvent[];
  width: number;
  height: number;
  selected: number;
  top: number;
  filtered: boolean;
}

function widths(width: number): number[] {
  const fixed = eventColumns.filter((c) => !c.flex).reduce((a, c) => a + c.width + 1, 0);
  return eventColumns.map((c) => (c.flex ? Math.max(c.width, width - fixed) : c.width));
}

export function EventsView(p: EventsViewProps) {
  const theme = useTheme();
  const w = widths(p.width);
  const header = eventColumns.map((c, i) => fit(c.header, w[i]!, 'left')).join(' ');
  return (
    <WindowedTable
      rows={p.events}
      height={p.height}
      top={p.top}
      selected={p.selected}
      header={<Text wrap="truncate" {...tokenProps(theme, 'table.header')}>{header}</Text>}
      empty={p.filtered ? 'no event matches the filter (Esc clears it)' : 'no events yet: state changes seen by the pollers appear here'}
      renderRow={(e, _i, selected) => (
        <Text wrap="truncate" {...tokenProps(theme, selected ? 'row.selected' : 'text')}>
          {eventColumns.map((c, i) => {
            const cell = c.cell(e);
            const text = `${i > 0 ? ' ' : ''}${fit(cell.text, w[i]!, 'left')}`;
            return cell.token ? <Text key={c.header} {...tokenProps(theme, cell.token)}>{text}</Text> : <Text key={c.header}>{text}</Text>;
          })}
        </Text>
      )}
    />
  );
}
