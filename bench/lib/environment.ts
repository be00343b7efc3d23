// What the numbers were measured on: they mean little without the machine and the versions beside them.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { firstLine } from './tools.js';

export interface Environment {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  loadAverage: number[];
  node: string;
  haproxy: string;
  tmux: string;
}

export function describeEnvironment(): Environment {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
  } catch {
    // not Linux; os.cpus() is good enough
  }
  return {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    cpuModel,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    haproxy: firstLine('haproxy', ['-v']).replace(/ - https.*$/, ''),
    tmux: firstLine('tmux', ['-V']),
  };
}

export function environmentMarkdown(env: Environment, tools: Record<string, string>): string {
  return [
    `- Date: ${env.date}`,
    `- Machine: ${env.cpus} CPUs (${env.cpuModel}), ${env.memoryGb} GB; load average at start ${env.loadAverage.join(' ')}`,
    `- ${env.haproxy}; ${env.tmux}; Node ${env.node}`,
    ...Object.entries(tools).map(([name, version]) => `- ${name}: ${version}`),
  ].join('\n');
}
