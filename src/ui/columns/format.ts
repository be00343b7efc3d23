// Moved to src/present/format.ts (the CLI pads its tables with the same helpers); re-exported for the TUI's callers.
export * from '../../present/format.js';
