// Moved to src/present/columns/events.ts (pure column definitions); re-exported for the TUI's callers.
export { eventColumns, eventText } from '../../present/columns/events.js';
