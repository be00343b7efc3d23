import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors.js';
import { parseInfo } from '../../../src/sources/haproxy/parse-info.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/haproxy/${name}`, import.meta.url), 'utf8');

function parseError(text: string): ParseError {
  try {
    parseInfo(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  throw new Error('parsed without error');
}

describe('parseInfo', () => {
  it('reads the typed fields and keeps every key as text', () => {
    const text = fixture('2.6/seed-003/show-info.txt');
    const info = parseInfo(text);
    const number = (key: string) => Number(new RegExp(`^${key}: (\\d+)$`, 'm').exec(text)![1]);
    expect(info).toMatchObject({
      name: 'HAProxy',
      version: '2.6.12-1+deb12u4',
      releaseDate: '2026/10/17',
      pid: number('Pid'),
      uptimeSec: number('Uptime_sec'),
      currConns: number('CurrConns'),
      maxConn: number('Maxconn'),
      node: 'vm',
    });
    // Keys and values with spaces are kept whole.
    expect(info.raw['Build info']).toBe('2.6.12-1+deb12u4');
    expect(info.raw['Unstoppable Jobs']).toBe('1');
    expect(info.raw.Uptime).toBe('0d 0h00m00s');
    expect(Object.keys(info.raw)).toHaveLength(text.trim().split('\n').length);
  });

  it('says whether the process is stopping (a reload\'s old worker), and null when HAProxy does not say', () => {
    const text = fixture('2.6/seed-003/show-info.txt');
    expect(parseInfo(text).stopping).toBe(false);
    expect(parseInfo(text.replace('Stopping: 0\n', 'Stopping: 1\n')).stopping).toBe(true);
    expect(parseInfo(text.replace('Stopping: 0\n', '')).stopping).toBeNull();
  });

  it('refuses an empty line anywhere but at the end, with its line number', () => {
    expect(parseError('\nName: HAProxy\nVersion: 2.6\n\n')).toMatchObject({ line: 1, message: expect.stringMatching(/empty line inside/) });
    expect(parseError('Name: HAProxy\n\nVersion: 2.6\n\n')).toMatchObject({ line: 2, message: expect.stringMatching(/empty line inside/) });
  });

  it('splits at the first colon: a value may hold more', () => {
    const info = parseInfo('Name: HAProxy\nVersion: 2.6.12\ndescription: lb1: edge\nPid: \n\n');
    expect(info.raw.description).toBe('lb1: edge');
    expect(info.pid).toBeNull();
  });

  it.each([
    ['truncated mid-line', 'derived/show-info.truncated.txt', 9, /truncated/],
    ['a letter in Pid', 'derived/show-info.non-numeric.txt', 7, /Pid: not a number: "12a4"/],
    ['binary junk instead of a line', 'derived/show-info.garbled.txt', 4, /expected "Key: value"/],
    ["the master CLI's refusal", '2.6/replies/master-cli-show-info.txt', 1, /not a `show info` reply/],
  ])('refuses %s with the line number', (_what, file, line, message) => {
    const error = parseError(fixture(file));
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
  });

  it('refuses empty text and an empty reply', () => {
    expect(parseError('').line).toBe(1);
    expect(parseError('\n').line).toBe(1);
  });
});
