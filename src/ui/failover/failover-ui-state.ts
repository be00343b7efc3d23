// State of the VIPS and BGP views and of their own dialog, the reason prompt of a BGP change. Their writes go
// through the one write dialog (useWriteFlow).

export type FailoverView = 'vips' | 'bgp';

export type FailoverDialog = { kind: 'reason'; lb: string; protocol: string; action: 'disable' | 'enable'; text: string };

export interface FailoverUiState {
  cursor: { vips: number; bgp: number };
  dialog: FailoverDialog | null;
}

export const initialFailoverUiState = (): FailoverUiState => ({ cursor: { vips: 0, bgp: 0 }, dialog: null });

export const isFailoverView = (view: string): view is FailoverView => view === 'vips' || view === 'bgp';

/** The footer's hint scope while the reason prompt owns the keyboard. */
export function failoverHintScope(dialog: FailoverDialog | null): 'prompt' | null {
  return dialog ? 'prompt' : null;
}
