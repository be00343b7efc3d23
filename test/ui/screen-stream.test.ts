// The stdout Ink is given: frames of one turn make one write, a frame that changes nothing writes nothing, a
// resize is passed on and draws everything again, an editor gets the main screen and the frame comes back
// whole after it, and once closed (the terminal being restored) nothing more reaches the terminal.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ScreenStream } from '../../src/ui/screen/screen-stream.js';
import { ENTER, LEAVE } from '../../src/ui/terminal.js';

class Tty extends EventEmitter {
  isTTY = true;
  columns = 40;
  rows = 5;
  writes: string[] = [];
  write = (s: string) => {
    this.writes.push(s);
    return true;
  };
}

const turn = () => new Promise((r) => setTimeout(r, 30));

function setup() {
  const tty = new Tty();
  const stream = new ScreenStream(tty as unknown as NodeJS.WriteStream);
  return { tty, stream };
}

describe('ScreenStream', () => {
  it('looks like the terminal to Ink and writes the frames of one turn as one', async () => {
    const { tty, stream } = setup();
    expect([stream.isTTY, stream.columns, stream.rows]).toEqual([true, 40, 5]);
    stream.write('one');
    stream.write('two');
    stream.write('three');
    expect(tty.writes).toEqual([]);
    await turn();
    expect(tty.writes).toHaveLength(1);
    expect(tty.writes[0]).toContain('three');
    expect(tty.writes[0]).not.toContain('one');
    // The same frame again: nothing.
    stream.write('three');
    await turn();
    expect(tty.writes).toHaveLength(1);
    expect(stream.stats.frames).toBe(1);
  });

  it('calls a write callback (Ink waits on one at unmount)', async () => {
    const { stream } = setup();
    await new Promise<void>((resolve) => stream.write('', resolve));
  });

  it('passes a resize on and draws the screen again whole', async () => {
    const { tty, stream } = setup();
    let resized = 0;
    stream.on('resize', () => resized++);
    stream.write('lbtop');
    await turn();
    tty.columns = 30;
    tty.emit('resize');
    await turn();
    expect(resized).toBe(1);
    expect(stream.columns).toBe(30);
    expect(tty.writes).toHaveLength(2);
    expect(tty.writes[1]).toContain('\x1b[2J');
    expect(tty.writes[1]).toContain('lbtop');
  });

  it('gives the main screen to an editor and draws the frame whole when it is back', async () => {
    const { tty, stream } = setup();
    stream.write('lbtop');
    await turn();
    stream.suspend();
    expect(tty.writes.at(-1)).toBe(LEAVE);
    stream.write('lbtop 2');
    await turn();
    expect(tty.writes.at(-1)).toBe(LEAVE);
    stream.resume();
    expect(tty.writes.at(-2)).toBe(ENTER);
    expect(tty.writes.at(-1)).toContain('\x1b[2J');
    expect(tty.writes.at(-1)).toContain('lbtop 2');
  });

  it('writes nothing once closed, not even a frame that was pending', async () => {
    const { tty, stream } = setup();
    stream.write('lbtop');
    stream.close();
    stream.write('lbtop 2');
    tty.emit('resize');
    await turn();
    expect(tty.writes).toEqual([]);
    expect(tty.listenerCount('resize')).toBe(0);
  });
});
