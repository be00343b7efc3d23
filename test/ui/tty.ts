// A terminal for runTui in-process: a tty that records what is written to it, and a keyboard that types.
import { EventEmitter } from 'node:events';

export class Tty extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = 30;
  out = '';
  write = (s: string) => {
    this.out += s;
    return true;
  };
}

export class Keyboard extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  raw: boolean[] = [];
  setRawMode = (on: boolean) => void this.raw.push(on);
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  press(s: string) {
    this.data = s;
    this.emit('readable');
  }
}
