// View 6: the event timeline, newest first, windowed like the fleet table.
import { Text } from 'ink';
import type { TimelineEvent } from '../../../model/events.js';
import { eventColumns } from '../../../present/columns/events.js';
import { fit } from '../../../present/format.js';
import { lineText } from '../../../present/line.js';
import { headerLine, stretchColumns } from '../../../present/table.js';
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


export function EventsView(p: EventsViewProps) {
  const theme = useTheme();
  // DETAIL takes the rest of the line; the other columns keep their widths however narrow the screen.
  const columns = stretchColumns(eventColumns, p.width);
  const header = lineText(headerLine(columns));
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
          {columns.map(({ column: c, width }, i) => {
            const cell = c.cell(e);
            // The separator is drawn in the cell's colour, as in the stats views.
            const text = `${i > 0 ? ' ' : ''}${fit(cell.text, width, c.align)}`;
            return cell.token ? <Text key={c.header} {...tokenProps(theme, cell.token)}>{text}</Text> : <Text key={c.header}>{text}</Text>;
          })}
        </Text>
      )}
    />
  );
}
