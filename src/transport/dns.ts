// A hostname NODE (`lbtop node drain worker1.lab.example`) names a machine by DNS: its addresses, as the
// machine lbtop runs on resolves them (getaddrinfo: /etc/hosts, then DNS), every family. A name that does
// not resolve gives no address, never an error: the node planner then says no server is at it.
import { lookup } from 'node:dns/promises';

export type HostResolver = (name: string) => Promise<string[]>;

export const resolveHost: HostResolver = async (name) => {
  try {
    return [...new Set((await lookup(name, { all: true, verbatim: true })).map((a) => a.address))];
  } catch {
    return [];
  }
};
