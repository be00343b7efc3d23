// `haproxy -c -f CONFIG` output → the lines that say why HAProxy refuses the config, in HAProxy's own words.
// Its output is NOTICE lines (version, executable), the ALERTs that matter, WARNINGs, then one or two generic
// closing ALERTs ("Error(s) found in configuration file : X", "Fatal errors found in configuration."). The last
// lines alone lose the first problems: on seed 000, HAProxy 2.6 refuses three `mode tcp` backends behind an http
// frontend and the last four lines held only the third (see fixtures/seeds/000/haproxy-c-2.6.12.txt).
const LEVEL = /^\[(ALERT|WARNING|NOTICE)\]\s+\(\d+\)\s*:\s*(.*)$/;
const GENERIC = [/^config : Error\(s\) found in configuration file : /, /^config : Fatal errors found in configuration\.$/];

export interface CheckOutput {
  /** The ALERTs that name a problem, without the "[ALERT] (pid) :" prefix and the generic closing ones. */
  alerts: string[];
  warnings: string[];
}

export function parseCheckOutput(text: string): CheckOutput {
  const out: CheckOutput = { alerts: [], warnings: [] };
  for (const raw of text.split('\n')) {
    const m = LEVEL.exec(raw.trim());
    if (!m) continue;
    const body = m[2]!.trim();
    if (m[1] === 'ALERT' && !GENERIC.some((g) => g.test(body))) out.alerts.push(body);
    else if (m[1] === 'WARNING') out.warnings.push(body);
  }
  return out;
}

/** One line for a report: every specific ALERT, else the last lines of the output (an unknown format). */
export function checkRefusal(text: string, fallbackLines = 4): string {
  const { alerts } = parseCheckOutput(text);
  if (alerts.length > 0) return alerts.join(' | ');
  return text.trim().split('\n').slice(-fallbackLines).join(' | ');
}
