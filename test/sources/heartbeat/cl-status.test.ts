import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors.js';
import {
  clStatusArgv,
  parseHbStatus,
  parseListHbLinks,
  parseListNodes,
  parseNodeStatus,
  parseRscStatus,
} from '../../../src/sources/heartbeat/cl-status.js';

// Recorded from a real two-node heartbeat 3.0.6 (fixtures/heartbeat/record.sh).
const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/heartbeat/${name}`, import.meta.url), 'utf8');

function parseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('cl_status replies', () => {
  it('reads hbstatus running and stopped', () => {
    expect(parseHbStatus(fixture('K8sLB01-hbstatus.txt'))).toBe(true);
    expect(parseHbStatus(fixture('stopped-hbstatus.txt'))).toBe(false);
  });

  it('reads listnodes (lower-cased by heartbeat) and listhblinks (tab-indented)', () => {
    expect(parseListNodes(fixture('K8sLB01-listnodes.txt'))).toEqual(['k8slb02', 'k8slb01']);
    expect(parseListHbLinks(fixture('K8sLB01-listhblinks-peer.txt'))).toEqual(['ens10']);
  });

  it('reads nodestatus before and after the peer stops, and an unknown node as null', () => {
    expect(parseNodeStatus(fixture('K8sLB02-nodestatus-K8sLB01.txt'))).toBe('active');
    expect(parseNodeStatus(fixture('K8sLB02-after-peer-stop-nodestatus-K8sLB01.txt'))).toBe('dead');
    expect(parseNodeStatus(fixture('K8sLB01-nodestatus-nosuch.txt'))).toBeNull();
  });

  it('reads rscstatus: local on the preferred node, all on the survivor after failover', () => {
    expect(parseRscStatus(fixture('K8sLB01-rscstatus.txt'))).toBe('local');
    expect(parseRscStatus(fixture('K8sLB02-after-peer-stop-rscstatus.txt'))).toBe('all');
  });

  it('reports unexpected replies with their line', () => {
    expect(parseError(() => parseHbStatus('Heartbeat is confused.\n')).line).toBe(1);
    expect(parseError(() => parseHbStatus('')).message).toMatch(/empty/);
    expect(parseError(() => parseNodeStatus('active\nextra\n')).line).toBe(2);
    expect(parseError(() => parseNodeStatus('zombie\n')).message).toMatch(/zombie/);
    expect(parseError(() => parseRscStatus('\nhalf\n')).line).toBe(2);
    expect(parseError(() => parseListNodes('k8slb01\nnot a node\n')).line).toBe(2);
    expect(parseError(() => parseListHbLinks('')).line).toBe(1);
  });

  it('builds argv without a shell', () => {
    expect(clStatusArgv.nodestatus('K8sLB01')).toEqual(['cl_status', 'nodestatus', 'K8sLB01']);
    expect(clStatusArgv.rscstatus()).toEqual(['cl_status', 'rscstatus']);
  });
});
