// Reads one secret line from a terminal, as OpenSSH's readpassphrase does: raw mode, nothing echoed (not even a
// dot per character: the length of a passphrase is a secret too), the prompt on stderr so stdout stays clean
// for `--json`. The text never leaves this function except as its result.

/** The part of a TTY read stream used here; process.stdin in lbtop, a fake in tests. */
export interface TtyInput {
  readonly isTTY?: boolean;
  readonly isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface TextOutput {
  write(text: string): unknown;
}

/** Enter: the line. Ctrl-D: null (skip this key). Ctrl-C: 'abort' (no more questions this run). */
export type SecretAnswer = string | null | 'abort';

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\x7f', '\b']);

export function readSecret(input: TtyInput, output: TextOutput, prompt: string): Promise<SecretAnswer> {
  output.write(prompt);
  const wasRaw = input.isRaw === true;
  input.setRawMode?.(true);
  let secret = '';
  return new Promise((resolve) => {
    const done = (answer: SecretAnswer) => {
      input.off('data', onData);
      input.setRawMode?.(wasRaw);
      // Paused again: a stdin left flowing would keep lbtop from exiting and steal a later confirm's input.
      input.pause();
      output.write('\n');
      secret = '';
      resolve(answer);
    };
    const onData = (chunk: Buffer | string) => {
      const text = chunk.toString();
      // An escape sequence (arrow keys, a paste bracket) is one chunk: it is not part of a passphrase.
      if (text.startsWith('\x1b')) return;
      for (const ch of text) {
        if (ENTER.has(ch)) return done(secret);
        if (ch === '\x03') return done('abort');
        if (ch === '\x04') return done(null);
        if (BACKSPACE.has(ch)) secret = Array.from(secret).slice(0, -1).join('');
        else if (ch === '\x15') secret = ''; // Ctrl-U: start over
        else if (ch >= ' ') secret += ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
