// Issues as compiler-style lines (`file:line:col: path: message`), which editors and terminals can jump to.
import type { ConfigIssue } from '../model/config.js';

/** An issue that stops the run (a warning does not). */
export function isError(issue: ConfigIssue): boolean {
  return issue.severity !== 'warning';
}

export function formatIssues(issues: readonly ConfigIssue[], path: string): string[] {
  return issues.map((issue) => {
    const where = issue.line > 0 ? `${path}:${issue.line}:${issue.column}` : path;
    const level = issue.severity === 'warning' ? 'warning: ' : '';
    const subject = issue.path ? `${issue.path}: ` : '';
    return `${where}: ${level}${subject}${issue.message}`;
  });
}
