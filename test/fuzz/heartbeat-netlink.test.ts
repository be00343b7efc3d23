// Fuzz: heartbeat's cl_status replies, haresources (with the VIPs read from it), and `ip -j addr` (with
// the VIP truth check over what it read), on mutations of the heartbeat 3.0.6 and iproute2 recordings.
import { describe, it } from 'vitest';
import { parseHbStatus, parseListHbLinks, parseListNodes, parseNodeStatus, parseRscStatus } from '../../src/sources/heartbeat/cl-status.js';
import { haOtherResources, haResourceVips, parseHaresources } from '../../src/sources/heartbeat/haresources.js';
import { parseIpAddrJson } from '../../src/sources/netlink/ip-addr.js';
import { checkVips } from '../../src/sources/netlink/vip-truth.js';
import { expectRobust, TIMEOUT_MS, type Target } from './run.js';

const HB = 'heartbeat/';

export const TARGETS: Target[] = [
  {
    name: 'cl_status replies',
    fixtures: [`${HB}K8sLB01-hbstatus.txt`, `${HB}stopped-hbstatus.txt`, `${HB}K8sLB01-listnodes.txt`, `${HB}K8sLB01-listhblinks-peer.txt`, `${HB}K8sLB01-nodestatus-K8sLB02.txt`, `${HB}K8sLB01-nodestatus-nosuch.txt`, `${HB}K8sLB01-rscstatus.txt`],
    parse: (t) => {
      const out: unknown[] = [];
      for (const parse of [parseHbStatus, parseListNodes, parseListHbLinks, parseNodeStatus, parseRscStatus]) {
        try {
          out.push(parse(t));
        } catch (error) {
          out.push(error);
          if (parse === parseRscStatus) throw error;
        }
      }
      return out;
    },
    runs: 4000,
  },
  {
    name: 'parseHaresources',
    fixtures: [`${HB}haresources`, 'seeds/001/haresources'],
    parse: (t) => {
      const groups = parseHaresources(t);
      return [haResourceVips(groups), haOtherResources(groups)];
    },
    runs: 4000,
  },
  {
    name: 'parseIpAddrJson + checkVips',
    fixtures: ['ip/addr-lb-0.json', 'ip/addr-lb-1-stopped.json', `${HB}K8sLB01-ip-addr.json`],
    parse: (t) => checkVips(['10.99.0.200', '10.143.0.50/32', 'fe80::1'], { a: parseIpAddrJson(t), b: null }),
    json: true,
    runs: 5000,
  },
];

describe('fuzz: heartbeat and ip -j', () => {
  for (const target of TARGETS) it(`${target.name}: ${target.runs} inputs`, () => void expectRobust(target), TIMEOUT_MS);
});
