// lbtop.yaml text → { config, issues }. Never throws on content: a broken file is a list of positioned issues,
// and `config` is only there when none of them is an error.
import type { ConfigIssue, LbtopConfig } from '../model/config.js';
import { schemaIssues } from './schema-issues.js';
import { isError } from './format.js';
import { validateAgainstSchema } from './schema-validate.js';
import { buildConfig, checkSemantics } from './semantic.js';
import { locate, parseYaml } from './yaml-doc.js';

export { isError };

export interface ConfigLoad {
  config?: LbtopConfig;
  issues: ConfigIssue[];
}

export function loadConfig(text: string, path?: string): ConfigLoad {
  let src: ReturnType<typeof parseYaml>;
  try {
    src = parseYaml(text);
  } catch (error) {
    // The yaml library's parser recurses per nesting level: a file nested deeply enough (a long line of "- " or
    // "{") overflows the stack. A file that cannot be read is an issue, like any other broken file.
    if (!(error instanceof RangeError)) throw error;
    return { issues: [{ line: 1, column: 1, path: '', message: `cannot read this file: ${error.message} (nested too deeply?)` }] };
  }
  if (src.doc.errors.length > 0) {
    // A syntax error makes the rest of the tree a guess; schema messages on it would only add noise.
    return { issues: sorted(src.issues) };
  }
  let data: unknown;
  try {
    // An empty file is an empty config (all defaults; LBs may come from -s).
    data = src.doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    // maxAliasCount: a "billion laughs" file is refused instead of eating the bastion's memory.
    return { issues: [{ line: 1, column: 1, path: '', message: (error as Error).message }] };
  }
  const schema = schemaIssues(validateAgainstSchema(data), data, (at, opts) => locate(src, at, opts));
  const issues = [...src.issues, ...schema, ...checkSemantics(data, src)];
  if (issues.some(isError)) return { issues: sorted(issues) };
  const config = buildConfig(data, src);
  if (path !== undefined) config.path = path;
  return { config, issues: sorted(issues) };
}


/** In file order, as an editor's problem list: fixing top-down never moves a later line number. */
function sorted(issues: ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}
