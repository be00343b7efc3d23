// The one confirmation guard, applied by the one write flow (useWriteFlow) to every preview confirmed by a key:
// a confirm key this soon after the preview appeared (or changed) is refused. The preview is there to be read,
// and a key typed ahead ("dy", key repeat) must not send what nobody has seen. A typed word needs no timer.
export const CONFIRM_GUARD_MS = 300;

export const READ_FIRST = 'read the preview first, then confirm';

export function confirmedTooSoon(shownAt: number, now: number): boolean {
  return now - shownAt < CONFIRM_GUARD_MS;
}
