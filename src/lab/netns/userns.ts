// The namespace lab without root: one user namespace (this user mapped to its root, `unshare --map-root-user`,
// nothing from /etc/subuid) with its own network and mount namespaces, held by a shell. Inside it the lab runs
// exactly as with root: `ip netns add` (a private /run holds /run/netns), bridges, veths, daemons as root of
// the namespace. Commands enter it with `nsenter --preserve-credentials` (our uid *is* its root; nsenter's own
// setgroups is refused in a namespace whose setgroups was denied). The holder's stdin is a pipe from this
// process: if lbtop dies without its teardown (SIGKILL), the pipe closes and the holder kills everything in
// the lab's network namespaces and removes the lab's directory, so nothing outlives the demo.
import { spawn, spawnSync } from 'node:child_process';
import { killPid, PATH_WITH_SBIN, sh } from './sh.js';

export interface UsernsHolder {
  pid: number;
  /** argv prefix that runs a command inside (network and mount namespace of the holder, as its root). */
  enter: string[];
  /** nsenter flags to enter another process of this lab (a host shell) with the same credentials. */
  nsenterFlags: string[];
  /** Run records and subnet locks, inside the holder's private /run (seen from here through /proc). */
  stateDir: string;
  /** Kills every process in the lab's network namespaces, then the holder. Synchronous (exit handlers). */
  close(): void;
}

const UNSHARE = ['unshare', '--user', '--map-root-user', '--net', '--mount', '--propagation', 'private'];

// Every network namespace of the lab: the holder's own and those under /run/netns; every process in one of them
// is the lab's (nothing else can enter a namespace this user namespace owns without our uid).
const KILL_LAB = `
nets=" $(readlink /proc/$$/ns/net) $(for f in /run/netns/*; do [ -e "$f" ] && printf 'net:[%s] ' "$(stat -L -c %i "$f")"; done)"
for p in /proc/[0-9]*; do
  pid=\${p#/proc/}; [ "$pid" = $$ ] && continue
  n=$(readlink "$p/ns/net" 2>/dev/null) || continue
  case "$nets" in *" $n "*) kill -9 "$pid" 2>/dev/null;; esac
done`;

// On EOF (lbtop gone without its teardown) also the scratch directories its labs made, named by its pid
// (lab.ts: /tmp/lbtop-lbt-<pid>[.<seq>]): the parent of this shell, as unshare execs it in place.
const HOLDER = `set -e
owner=$PPID
mount -t tmpfs lbtop-run /run
mkdir -p /run/netns /run/lbtop-lab
ip link set lo up
echo ready
# From here nothing may stop the cleanup: lbtop's pipes are gone (SIGPIPE), a closed terminal hangs up its process
# group (SIGHUP), Ctrl-C reaches it too (SIGINT). The teardown path kills the holder with SIGKILL.
exec >/dev/null 2>&1
trap '' HUP INT PIPE
read _ || true
set +e
${KILL_LAB}
rm -rf "/tmp/lbtop-lbt-$owner" /tmp/lbtop-lbt-$owner.*`;

/** Null when this kernel and this user can make the lab's user namespace; otherwise the first line of why not. */
export function usernsRefusal(): string | null {
  const r = spawnSync(UNSHARE[0]!, [...UNSHARE.slice(1), 'true'], { encoding: 'utf8', env: { ...process.env, PATH: PATH_WITH_SBIN } });
  if (r.error) return `${UNSHARE[0]}: ${r.error.message}`;
  if (r.status === 0) return null;
  const first = (r.stderr ?? '').trim().split('\n')[0]?.replace(/^unshare: unshare failed: /, '') || `unshare exited ${r.status}`;
  return `${first}${HINTS.find(([text]) => first.includes(text))?.[1] ?? ''}`;
}

// What the kernel's two refusals usually mean, so the one line says what to change.
const HINTS: [string, string][] = [
  ['No space left on device', ' — sysctl user.max_user_namespaces is 0 or used up'],
  ['Operation not permitted', ' — unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone, AppArmor, or a container\'s seccomp profile)'],
];

export async function startUsernsHolder(): Promise<UsernsHolder> {
  const child = spawn(UNSHARE[0]!, [...UNSHARE.slice(1), 'sh', '-c', HOLDER], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PATH: PATH_WITH_SBIN } });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the user namespace holder exited (${code}): ${stderr.trim()}`)));
  });
  // unshare execs sh in place: the pid is the holder's. Not unref'd stdin: the pipe is the crash signal.
  const pid = child.pid!;
  child.stdout.destroy();
  child.unref();
  (child.stdin as unknown as { unref(): void }).unref();
  const nsenterFlags = ['-U', '--preserve-credentials'];
  const enter = ['nsenter', '-t', String(pid), ...nsenterFlags, '-m', '-n', '--'];
  let closed = false;
  return {
    pid,
    enter,
    nsenterFlags,
    stateDir: `/proc/${pid}/root/run/lbtop-lab`,
    close() {
      if (closed) return;
      closed = true;
      sh([...enter, 'sh', '-c', KILL_LAB], { allowFail: true });
      killPid(pid);
    },
  };
}
