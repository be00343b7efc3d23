// When a freshly read `show stat` row is the row lbtop already holds: the same object is kept, so the diff, the
// fleet builder and the table skip it by reference. Ages and the check's duration never make a new row (they are
// taken in place), and neither does a health check that is running: HAProxy then prefixes the last result with
// "* " and reports check_code 0 until the check ends ("L7OK", 200 → "* L7OK", 0 → "L7OK", 200). With checks every
// 2 s that flip moved ~2,000 of 10,000 rows between two full reads, for nothing an operator reads: the CHECK
// column drops the "* " and the code is not shown; a check that ends with another result changes the status.
import type { StatRow } from '../../model/haproxy.js';

/** Every field of a StatRow (the Record type makes the compiler check none is missing), for comparisons. */
const ALL_FIELDS: Record<keyof StatRow, true> = {
  proxy: true, name: true, kind: true, status: true, weight: true, scur: true, smax: true, slim: true,
  stot: true, bin: true, bout: true, qcur: true, qmax: true, rate: true, rateMax: true, reqRate: true,
  reqTot: true, dreq: true, dresp: true, ereq: true, econ: true, eresp: true, wretr: true, wredis: true,
  chkfail: true, chkdown: true, lastchg: true, downtime: true, hrsp1xx: true, hrsp2xx: true, hrsp3xx: true, hrsp4xx: true,
  hrsp5xx: true, hrspOther: true, checkStatus: true, checkCode: true, checkDuration: true, lastChk: true, act: true, bck: true,
  iid: true, sid: true, addr: true, mode: true, algo: true,
};
export const ROW_FIELDS = Object.keys(ALL_FIELDS) as readonly (keyof StatRow)[];

/** Fields a kept row takes from the fresh one in place (VOLATILE in parse-stat.ts), and the check's, compared below. */
const NOT_COMPARED: ReadonlySet<keyof StatRow> = new Set(['lastchg', 'downtime', 'checkDuration', 'checkStatus', 'checkCode']);
const COMPARED = ROW_FIELDS.filter((field) => !NOT_COMPARED.has(field));

const RUNNING = '* ';

/** True when `fresh` says what `kept` says (see above); `kept` then takes the ages and duration in place. */
export function keepsRow(kept: StatRow, fresh: StatRow): boolean {
  if (kept === fresh) return true;
  for (const field of COMPARED) if (kept[field] !== fresh[field]) return false;
  if (!sameCheck(kept, fresh)) return false;
  kept.lastchg = fresh.lastchg;
  kept.downtime = fresh.downtime;
  kept.checkDuration = fresh.checkDuration;
  return true;
}

/**
 * The same check result. While a check runs, the row already held says what its last result was; a row held while
 * a check ran (read mid-check) gives way to the settled one, so the code it keeps is a real one.
 */
function sameCheck(kept: StatRow, fresh: StatRow): boolean {
  if (resultOf(kept.checkStatus) !== resultOf(fresh.checkStatus)) return false;
  if (fresh.checkStatus.startsWith(RUNNING)) return true;
  return kept.checkStatus === fresh.checkStatus && kept.checkCode === fresh.checkCode;
}

function resultOf(status: string): string {
  return status.startsWith(RUNNING) ? status.slice(RUNNING.length) : status;
}
