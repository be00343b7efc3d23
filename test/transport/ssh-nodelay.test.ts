// sshd turns Nagle's algorithm off for a connection only when its first session has a pty (src/transport/ssh/
// nodelay.ts). lbtop opens that session first, and still connects where a pty is refused or a forced command
// never exits. Real sshd in namespaces; sshd's own debug log says what it did.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHaproxy, type HaproxyProcess } from '../../src/lab/haproxy-process.js';
import { hostStanzas, startSshLab, type SshLab } from '../../src/lab/netns/ssh-lab.js';
import { HaproxyClient } from '../../src/sources/haproxy/client.js';
import { sshSocket } from '../../src/transport/ssh/socket.js';

const HAPROXY = `
global
  stats socket @SOCKET@ mode 666 level admin
backend be
  server s1 127.0.0.1:1
`;

describe('SSH: TCP_NODELAY on the sshd side', () => {
  let ssh: SshLab;
  let haproxy: HaproxyProcess;
  beforeAll(async () => {
    // `Match all` lets a later LogLevel win over the lab's VERBOSE (sshd keeps the first value outside Match).
    const debug = ['Match all', '  LogLevel DEBUG1'];
    ssh = await startSshLab({
      hosts: {
        lb1: () => debug,
        lb2: () => ['PermitTTY no', ...debug],
        lb3: () => ['ForceCommand sleep 30', ...debug],
      },
      sshConfig: (lab) => `
${hostStanzas(lab, ['lb1', 'lb2', 'lb3'])}Host *
  IdentityFile @KEY@
  User @USER@
  UserKnownHostsFile @KNOWN@
  GlobalKnownHostsFile /dev/null
`,
    });
    haproxy = await startHaproxy({ name: 'haproxy', dir: ssh.lab.dir, config: HAPROXY, wrap: ssh.lab.wrap('lb1') });
  });
  afterAll(async () => {
    await haproxy?.stop();
    await ssh?.close();
  });

  it('the first session on a connection has a pty, so sshd sets TCP_NODELAY; the socket is then reached as usual', async () => {
    const client = new HaproxyClient(sshSocket(ssh.pool(), 'lb1', haproxy.socket));
    expect(await client.send('show info')).toMatch(/^Name: HAProxy\n/);
    const log = readFileSync(ssh.sshd.lb1!.logPath, 'utf8');
    // session.c logs the pty request; packet.c's ssh_packet_set_interactive then sets TCP_NODELAY.
    expect(log).toMatch(/session_pty_req: session \d+ alloc \/dev\/pts\//);
    const pty = log.search(/session_pty_req/);
    const forward = log.search(/direct-streamlocal/);
    expect(forward).toBeGreaterThan(pty);
  });

  it('where a pty is refused (PermitTTY no), lbtop connects without it', async () => {
    const client = new HaproxyClient(sshSocket(ssh.pool(), 'lb2', haproxy.socket));
    expect(await client.send('show info')).toMatch(/^Name: HAProxy\n/);
    expect(readFileSync(ssh.sshd.lb2!.logPath, 'utf8')).not.toMatch(/session_pty_req: session \d+ alloc/);
  });

  it('a forced command that never exits holds the connect for the short deadline only', async () => {
    const client = new HaproxyClient(sshSocket(ssh.pool(), 'lb3', haproxy.socket));
    const started = Date.now();
    expect(await client.send('show info')).toMatch(/^Name: HAProxy\n/);
    // The deadline is min(2 s, the handshake deadline); the lab's pool uses the default 15 s handshake deadline.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
