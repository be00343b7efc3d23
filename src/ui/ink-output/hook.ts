// Module loader hook (node:module register) that gives Ink's renderer lbtop's RowCachedOutput instead of Ink's
// Output. Only for the Ink version it was written against: another version keeps its own Output untouched.
import { readFileSync } from 'node:fs';

const ROW_CACHED = new URL('./row-cached-output.js', import.meta.url).href;
const SUPPORTED = /^6\.8\./;

interface ResolveContext {
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string }>;

const supportedInk = new Map<string, boolean>();

function isSupportedInk(buildUrl: string): boolean {
  let known = supportedInk.get(buildUrl);
  if (known === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../package.json', buildUrl), 'utf8')) as { name?: string; version?: string };
      known = pkg.name === 'ink' && SUPPORTED.test(pkg.version ?? '');
    } catch {
      known = false;
    }
    supportedInk.set(buildUrl, known);
  }
  return known;
}

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<{ url: string; shortCircuit?: boolean }> {
  const parent = context.parentURL;
  if (specifier === './output.js' && parent?.endsWith('/ink/build/renderer.js') && isSupportedInk(new URL('./', parent).href)) {
    return { url: ROW_CACHED, shortCircuit: true };
  }
  return next(specifier, context);
}
