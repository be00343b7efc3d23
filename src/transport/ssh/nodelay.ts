// sshd sets TCP_NODELAY on a connection only when its first session is interactive (OpenSSH packet.c,
// ssh_packet_set_interactive: called once per connection, by the first exec or shell; stream-local forwards never
// call it). Without it, a reply that sshd sends in two small packets waits for our delayed ACK: 40 ms. In the lab
// that stalled one LB in three of a 10-LB node drain (50 ms instead of 12; bench/ssh-fleet.ts). So the first
// session lbtop opens on a connection is `true` with a pseudo-terminal, which makes sshd set TCP_NODELAY for the
// rest of the connection.
//
// What the LB sees: one short pty login per connection (it shows in `last`, like any `ssh lb true -t`). Where a
// pty or a shell is refused (PermitTTY no, a forced command), or nothing answers within `timeoutMs`, lbtop goes
// on without it: only latency is at stake.
import type { Client } from 'ssh2';

export function askServerNoDelay(client: Client, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    let done = false;
    let channelOpen: { close(): void } | null = null;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve();
    };
    // A forced command that does not exit would hold the channel: it is closed at the deadline, lbtop goes on.
    const timer = setTimeout(() => {
      channelOpen?.close();
      finish();
    }, timeoutMs);
    try {
      client.exec('true', { pty: true }, (error, channel) => {
        if (error) return finish();
        if (done) return void channel.close();
        channelOpen = channel;
        channel.on('close', () => ((channelOpen = null), finish()));
        channel.on('error', finish);
        // Nothing to read but the pty's echo; reading keeps the channel's window open until it closes.
        channel.resume();
        channel.stderr.resume();
      });
    } catch {
      finish();
    }
  });
}
