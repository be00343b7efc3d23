// ServerStates: `show servers state` kept per backend, read like the Map it replaces (same keys, same order), and a
// change to one backend leaves every other backend's map (and its states) the very objects they were.
import { describe, expect, it } from 'vitest';
import { parseServersState } from '../../../src/sources/haproxy/parse-servers-state.js';
import { ServerStates, backendsMoved } from '../../../src/sources/haproxy/server-states.js';

// The header and lines of HAProxy 2.6's `show servers state` (format 1), three backends.
const HEADER = '1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n';
const line = (be: number, srv: number, weight = 1) => `${be} be_${be} ${srv} s${srv} 10.0.${be}.${srv} 2 0 ${weight} 1 10 1 0 1 0 0 0 0 - 80 - 0 0 - - 0`;
const reply = (lines: string[]) => `${HEADER}${lines.join('\n')}\n\n`;
const all = (w = 1) => reply([line(1, 1), line(1, 2), line(2, 1, w), line(2, 2), line(3, 1)]);

describe('ServerStates', () => {
  it('reads like the flat map: keys, order, get, has, size', () => {
    const flat = parseServersState(all());
    const states = ServerStates.of(flat, null);
    expect([...states.keys()]).toEqual([...flat.keys()]);
    expect([...states].map(([k, v]) => [k, v])).toEqual([...flat]);
    expect([...states.values()]).toEqual([...flat.values()]);
    expect(states.size).toBe(5);
    expect(states.get('be_2/s1')).toBe(flat.get('be_2/s1'));
    expect(states.get('be_9/s1')).toBeUndefined();
    expect(states.get('no-slash')).toBeUndefined();
    expect(states.has('be_3/s1')).toBe(true);
    const seen: string[] = [];
    states.forEach((state, key, map) => {
      expect(map).toBe(states);
      seen.push(`${key}=${state.server}`);
    });
    expect(seen).toEqual(['be_1/s1=s1', 'be_1/s2=s2', 'be_2/s1=s1', 'be_2/s2=s2', 'be_3/s1=s1']);
  });

  it('keeps the maps of backends that did not move; says which moved', () => {
    const first = ServerStates.of(parseServersState(all()), null);
    // The same states again (as the poller keeps them: the same objects): every backend keeps its map.
    const again = ServerStates.of(new Map(first), first);
    expect(backendsMoved(first, again)).toEqual(new Set());
    expect(again.backends.get('be_1')).toBe(first.backends.get('be_1'));
    // One backend re-read with a new weight.
    const be2 = parseServersState(reply([line(2, 1, 5), line(2, 2)]));
    const next = first.with(new Map([['be_2', be2]]));
    expect(next.get('be_2/s1')?.userWeight).toBe(5);
    expect(next.get('be_1/s1')).toBe(first.get('be_1/s1'));
    expect(next.backends.get('be_3')).toBe(first.backends.get('be_3'));
    expect(backendsMoved(first, next)).toEqual(new Set(['be_2']));
    expect([...next.keys()]).toEqual([...first.keys()]);
    // A plain Map on either side: not told apart by backend (the caller compares entries).
    expect(backendsMoved(new Map(first), next)).toBeNull();
  });
});
