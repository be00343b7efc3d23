// Tiny HTTP servers inside a lab namespace, to stand in for Kubernetes nodes behind HAProxy. Each answers every
// request with `<name>\n`, so a test can see which backend served it.
import type { ChildProcess } from 'node:child_process';
import type { NetnsLab } from './lab.js';

export interface HttpBackend {
  name: string;
  address: string;
  port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

// Runs as `node -e` in the namespace: a node:http server cannot be moved into another namespace from here.
// `?hold=MS` answers after MS milliseconds: a long-lived session, for drains that must wait for it to finish.
const SERVER = `
const [name, address, port] = process.argv.slice(1);
require('node:http')
  .createServer((req, res) => {
    const hold = /[?&]hold=(\\d+)/.exec(req.url || '');
    setTimeout(() => res.end(name + '\\n'), hold ? Number(hold[1]) : 0);
  })
  .listen(Number(port), address, () => process.stdout.write('ready\\n'));
`;

export async function startHttpBackend(lab: NetnsLab, host: string, port: number, name = `${host}:${port}`): Promise<HttpBackend> {
  const address = lab.host(host).address;
  const child: ChildProcess = lab.spawn(host, [process.execPath, '-e', SERVER, name, address, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`http backend ${name} exited (${code}): ${stderr}`)));
  });
  return {
    name,
    address,
    port,
    get pid() {
      return child.pid ?? -1;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
