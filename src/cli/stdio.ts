// stdout and stderr of the process: whatever lbtop writes reaches the reader whole, however large the output and
// however slow the reader, and a reader that goes away stops nothing that is under way.
//
// Why this is needed: on a pipe Node writes asynchronously. What the pipe buffer (64 KiB on Linux) cannot take at
// once is queued in the process, so `process.exit()` right after a write threw the rest away: `status --json |
// (sleep 2; cat)` got 65,536 of 6.5 MB, with exit 0. And when the reader is gone (`| head`), the queued write fails
// with EPIPE, emitted as 'error' on process.stdout: with no listener, Node throws it, and a drain died between its
// apply and its rollback.

type Stdio = NodeJS.WriteStream;
type WriteCallback = (error?: Error | null) => void;

const gone = new Map<Stdio, Error>();
/** stdout failed for another reason than its reader leaving: output was lost that someone meant to keep. */
let outputLost = false;

/** True once this stream's reader has gone away (or writing to it failed): nothing more is written to it. */
export function isGone(stream: Stdio): boolean {
  return gone.has(stream);
}

/**
 * Listens for write errors on the process's stdout and stderr. A failed stream is closed for lbtop: later writes
 * are dropped (their callback gets the error that closed it) instead of failing, and being emitted, again. lbtop
 * goes on with what it was doing (see exitWhenFlushed for the exit code). Install before anything is written.
 */
export function guardStdio(streams: readonly Stdio[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (gone.has(stream)) return;
      gone.set(stream, error);
      // An own property over the prototype's write: every writer (our commands, readline's prompt) is covered,
      // not only those that go through a helper.
      stream.write = ((_chunk: unknown, encoding?: unknown, callback?: unknown) => {
        const done = (typeof encoding === 'function' ? encoding : callback) as WriteCallback | undefined;
        if (done) process.nextTick(done, error);
        return true;
      }) as Stdio['write'];
      // A reader that left (`| head`, a closed terminal) is an ordinary end and gets no message. Any other failure
      // of stdout (ENOSPC on a full disk) means output was lost: say so on stderr, if it is still there.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET' || error.code === 'EIO') return;
      if (stream !== process.stdout) return;
      outputLost = true;
      if (!gone.has(process.stderr)) process.stderr.write(`lbtop: cannot write to stdout: ${error.code ?? error.message}\n`);
    });
  }
}

/**
 * Resolves once everything written so far to each stream has been handed to the kernel, or the stream has
 * failed. A write's callback comes after every write queued before it, so an empty write marks the end; its
 * callback waits as long as the reader does (a reader that never reads keeps lbtop waiting, as it would `cat`).
 */
export function flushed(streams: readonly Stdio[] = [process.stdout, process.stderr]): Promise<void> {
  return Promise.all(streams.map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve())))).then(() => undefined);
}

/**
 * The only way lbtop's main ends the process: after stdout and stderr are flushed. The code is the command's own,
 * also when the reader left early (the outcome of what lbtop did is what a script needs); only output lost to a
 * failing stdout (`> /dev/full`) turns a success into 1, as `cat` does: the file the caller keeps is incomplete.
 */
export async function exitWhenFlushed(code: number): Promise<never> {
  await flushed();
  process.exit(code === 0 && outputLost ? 1 : code);
}
