// PromptReads: replies framed out of the bytes of a prompt-mode connection, whatever the chunking; a reply handed
// out is never overwritten by bytes read after it (the buffer only grows past its end, or moves to a new one).
import { describe, expect, it } from 'vitest';
import { PromptReads } from '../../../src/sources/haproxy/prompt-reads.js';

// What HAProxy sends in prompt mode for: a pipelined `prompt` (empty reply), `show info` (full reply), an
// empty reply (a `set` that says nothing), and a 200 KB `show stat`.
const big = `# pxname,svname\n${Array.from({ length: 8000 }, (_, i) => `be_${i},srv${i}`).join('\n')}\n`;
const stream = `\n> Name: HAProxy\nPid: 7\n\n> \n> ${big}\n> `;
const expected = ['\n', 'Name: HAProxy\nPid: 7\n\n', '\n', `${big}\n`];

function framed(chunkSizes: (i: number) => number): string[] {
  const reads = new PromptReads();
  const bytes = Buffer.from(stream);
  const replies: Buffer[] = [];
  const texts: string[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = Math.max(1, chunkSizes(i));
    reads.append(bytes.subarray(at, at + size));
    at += size;
    for (let reply = reads.nextReply(); reply; reply = reads.nextReply()) {
      replies.push(reply);
      texts.push(reply.toString());
    }
  }
  // Every reply still reads as it did when handed out.
  expect(replies.map((r) => r.toString())).toEqual(texts);
  expect(reads.length).toBe(0);
  return texts;
}

describe('PromptReads', () => {
  it('frames the replies whatever the chunk sizes, an end split across chunks included', () => {
    expect(framed(() => 1)).toEqual(expected);
    expect(framed(() => 2)).toEqual(expected);
    expect(framed(() => 3)).toEqual(expected);
    expect(framed((i) => [7, 1, 12_000, 2, 65_536][i % 5]!)).toEqual(expected);
    expect(framed(() => 1 << 30)).toEqual(expected);
  });

  it('says whether the next bytes are a bare prompt, and drops it', () => {
    const reads = new PromptReads();
    reads.append(Buffer.from('\n'));
    expect(reads.startsWithPrompt()).toBe(false);
    reads.append(Buffer.from('> Name'));
    expect(reads.startsWithPrompt()).toBe(true);
    reads.skipPrompt();
    expect(reads.nextReply()).toBeNull();
    reads.append(Buffer.from(': x\n\n> '));
    expect(reads.nextReply()?.toString()).toBe('Name: x\n\n');
  });
});
