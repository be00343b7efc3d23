// The theme reaches components through context; components ask for a token and get Ink <Text> props.
import { createContext, useContext } from 'react';
import { MONO, type Theme } from '../theme/tokens.js';

export const ThemeContext = createContext<Theme>(MONO);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

// The props themselves are computed without React (token-props.ts): the first frame uses them before React loads.
export { tokenProps, type TextStyleProps } from './token-props.js';
