// A throwaway network of Linux network namespaces for tests and the demo: one namespace per host, all on a bridge
// that lives in a namespace of its own (so the host's firewall never sees bridged lab traffic), plus one veth into
// the root namespace so this process can reach them. Addresses are 10.213.X.0/24, X unique per run; lab traffic
// only ever goes there. Every name starts with the run id `lbt-<pid>`, and a record in `stateDir` lists what was
// made, so a crashed run is cleaned by the next one (see leftovers.ts).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { cleanLeftovers, teardownRecord, type LabRecord } from './leftovers.js';
import { killPid, PATH_WITH_SBIN, sh, type ShResult } from './sh.js';
import type { UsernsHolder } from './userns.js';

export interface LabOptions {
  /** Short host names (`lb1`, `jump`); each gets a namespace and an address. */
  hosts: string[];
  /** Where run records and subnet locks live. Default /run/lbtop-lab (tmpfs: gone after a reboot, like netns). */
  stateDir?: string;
  /** Build the lab inside this user namespace (no root): see userns.ts. */
  userns?: UsernsHolder;
}

export interface LabHost {
  name: string;
  /** Namespace name: `lbt-<pid>-<name>`. */
  ns: string;
  address: string;
  /** The host's interface inside its namespace. */
  dev: 'eth0';
}

export const LAB_NET_PREFIX = '10.213';
let sequence = 0;

export class NetnsLab {
  private readonly children = new Set<ChildProcess>();
  /** Hosts reached at another address than their own (a loopback relay into a user namespace): name → where. */
  readonly reach = new Map<string, { host: string; port: number }>();
  private torn = false;
  private readonly onExit = () => this.teardown();

  private constructor(
    readonly runId: string,
    /** `10.213.X`: the lab's /24 without the last octet. */
    readonly subnet: string,
    /** This process's address on the lab network. */
    readonly gateway: string,
    /** Scratch directory for configs, keys and logs (mode 755: sshd reads authorized_keys as the login user). */
    readonly dir: string,
    private readonly hostsByName: Map<string, LabHost>,
    private readonly record: LabRecord,
    private readonly stateDir: string,
    /** The user namespace the lab lives in, or null (root: the host's own namespaces). */
    readonly userns: UsernsHolder | null,
  ) {
    process.once('exit', this.onExit);
  }

  static create(options: LabOptions): NetnsLab {
    const userns = options.userns ?? null;
    // In a user namespace /run is the holder's own and fresh: nothing was left there by an earlier run.
    const stateDir = userns?.stateDir ?? options.stateDir ?? '/run/lbtop-lab';
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    if (!userns) cleanLeftovers(stateDir);
    const seq = sequence++;
    const runId = `lbt-${process.pid}${seq ? `.${seq}` : ''}`;
    const index = allocateSubnet(stateDir, runId);
    const subnet = `${LAB_NET_PREFIX}.${index}`;
    const dir = path.join('/tmp', `lbtop-${runId}`);
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    const hosts = new Map(options.hosts.map((name, i) => [name, { name, ns: `${runId}-${name}`, address: `${subnet}.${10 + i}`, dev: 'eth0' as const }]));
    const record: LabRecord = {
      runId,
      pid: process.pid,
      subnetIndex: index,
      namespaces: [`${runId}-net`, ...[...hosts.values()].map((h) => h.ns)],
      rootLinks: [`lbt${process.pid}h${seq || ''}`],
      dir,
    };
    // Written before anything exists, so a crash halfway through still leaves a complete cleanup list.
    writeFileSync(path.join(stateDir, `${runId}.json`), JSON.stringify(record));
    const lab = new NetnsLab(runId, subnet, `${subnet}.1`, dir, hosts, record, stateDir, userns);
    try {
      lab.build();
    } catch (error) {
      lab.teardown();
      throw error;
    }
    return lab;
  }

  get hosts(): LabHost[] {
    return [...this.hostsByName.values()];
  }

  host(name: string): LabHost {
    const host = this.hostsByName.get(name);
    if (!host) throw new Error(`lab has no host ${name}`);
    return host;
  }

  /** argv prefix that runs a command inside a host's namespace (for startHaproxy's `wrap`). */
  wrap(name: string): string[] {
    return [...this.enter, 'ip', 'netns', 'exec', this.host(name).ns];
  }

  /** argv prefix into the lab's own network (the gateway side): [] with root, nsenter into the user namespace without. */
  get enter(): string[] {
    return this.userns?.enter ?? [];
  }

  /** nsenter flags that join a lab process's namespaces with the lab's credentials (user namespace or not). */
  get nsenterFlags(): string[] {
    return this.userns?.nsenterFlags ?? [];
  }

  /** A plumbing command (`ip …`) where the lab lives. */
  run(argv: string[], options: { allowFail?: boolean } = {}): ShResult {
    return sh([...this.enter, ...argv], options);
  }

  /** Starts a long-running process on the lab's gateway side (traffic, relays); killed at teardown. */
  spawnGateway(argv: string[], options: SpawnOptions = {}): ChildProcess {
    return this.spawnArgv([...this.enter, ...argv], options);
  }

  /** Runs a short command inside a host's namespace and returns its stdout. */
  exec(name: string, argv: string[], options: { allowFail?: boolean } = {}): string {
    return sh([...this.wrap(name), ...argv], options).stdout;
  }

  /** Starts a long-running process in a host's namespace; it is killed at teardown. */
  spawn(name: string, argv: string[], options: SpawnOptions = {}): ChildProcess {
    return this.spawnArgv([...this.wrap(name), ...argv], options);
  }

  private spawnArgv(argv: string[], options: SpawnOptions): ChildProcess {
    const [file, ...args] = argv;
    const child = spawn(file!, args, { stdio: 'ignore', ...options, env: { ...process.env, PATH: PATH_WITH_SBIN, ...options.env } });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  /** Cuts a host off the lab network, as a pulled cable would: packets are dropped, nothing is closed. */
  linkDown(name: string): void {
    this.run(['ip', '-n', this.host(name).ns, 'link', 'set', 'eth0', 'down']);
  }

  linkUp(name: string): void {
    this.run(['ip', '-n', this.host(name).ns, 'link', 'set', 'eth0', 'up']);
  }

  /** Removes everything this lab made. Idempotent; safe to call from an exit handler. */
  teardown(): void {
    if (this.torn) return;
    this.torn = true;
    process.off('exit', this.onExit);
    for (const child of this.children) if (child.pid) killPid(child.pid);
    teardownRecord(this.record, this.stateDir, this.enter);
    this.userns?.close();
  }

  private build(): void {
    const net = `${this.runId}-net`;
    const [rootLink] = this.record.rootLinks;
    this.run(['ip', 'netns', 'add', net]);
    this.run(['ip', '-n', net, 'link', 'add', 'br0', 'type', 'bridge']);
    this.run(['ip', '-n', net, 'link', 'set', 'br0', 'up']);
    this.run(['ip', 'link', 'add', rootLink!, 'type', 'veth', 'peer', 'name', 'up0', 'netns', net]);
    this.run(['ip', '-n', net, 'link', 'set', 'up0', 'master', 'br0', 'up']);
    this.run(['ip', 'addr', 'add', `${this.gateway}/24`, 'dev', rootLink!]);
    this.run(['ip', 'link', 'set', rootLink!, 'up']);
    this.hosts.forEach((host, i) => {
      this.run(['ip', 'netns', 'add', host.ns]);
      this.run(['ip', '-n', host.ns, 'link', 'set', 'lo', 'up']);
      this.run(['ip', '-n', net, 'link', 'add', `p${i}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', host.ns]);
      this.run(['ip', '-n', net, 'link', 'set', `p${i}`, 'master', 'br0', 'up']);
      this.run(['ip', '-n', host.ns, 'addr', 'add', `${host.address}/24`, 'dev', 'eth0']);
      this.run(['ip', '-n', host.ns, 'link', 'set', 'eth0', 'up']);
    });
  }
}

/** Takes the first free 10.213.X/24 from a pid-derived start; an exclusive-create lock file makes it race-free. */
function allocateSubnet(stateDir: string, runId: string): number {
  const start = (process.pid % 200) + 20;
  for (let i = 0; i < 230; i++) {
    const index = ((start - 20 + i) % 230) + 20;
    try {
      const fd = openSync(path.join(stateDir, `subnet-${index}`), 'wx');
      writeSync(fd, runId);
      closeSync(fd);
      return index;
    } catch {
      // taken by another run
    }
  }
  throw new Error(`no free ${LAB_NET_PREFIX}.X/24 subnet left (see ${stateDir})`);
}
