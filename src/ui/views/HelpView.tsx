// `?`: help generated from the keymap, scrollable with the usual navigation keys.
import { ScrollText, type Line } from '../components/ScrollText.js';

export function HelpView({ lines, height, top }: { lines: readonly Line[]; height: number; top: number }) {
  return <ScrollText lines={lines} height={height} top={top} />;
}
