// Everything the benchmark starts (HAProxy, a private tmux server, temp dirs) is registered here and torn down
// in reverse order, on a normal exit and on Ctrl-C alike, so an interrupted run leaves nothing behind.

type Closer = () => Promise<void> | void;

export class Cleanup {
  private readonly closers: { label: string; close: Closer }[] = [];
  private closing: Promise<void> | undefined;

  /** Registers a closer; the returned function runs it now and forgets it (for resources freed mid-run). */
  add(label: string, close: Closer): () => Promise<void> {
    const entry = { label, close };
    this.closers.push(entry);
    return async () => {
      const i = this.closers.indexOf(entry);
      if (i < 0) return;
      this.closers.splice(i, 1);
      await runOne(entry);
    };
  }

  /** Runs every closer, last registered first; safe to call twice (the second call waits for the first). */
  closeAll(): Promise<void> {
    this.closing ??= (async () => {
      while (this.closers.length > 0) await runOne(this.closers.pop()!);
    })();
    return this.closing;
  }

  /** On SIGINT/SIGTERM/SIGHUP: clean up, then exit with 128+signal, whatever the run was doing. */
  installSignalHandlers(log: (line: string) => void): void {
    const codes: Record<string, number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };
    for (const [signal, code] of Object.entries(codes)) {
      process.once(signal as NodeJS.Signals, () => {
        log(`\n${signal}: cleaning up…`);
        // A stuck closer must not keep the user waiting forever after Ctrl-C.
        const force = setTimeout(() => process.exit(128 + code), 10_000);
        void this.closeAll().finally(() => {
          clearTimeout(force);
          process.exit(128 + code);
        });
      });
    }
  }
}

async function runOne(entry: { label: string; close: Closer }): Promise<void> {
  try {
    await entry.close();
  } catch (error) {
    process.stderr.write(`cleanup of ${entry.label} failed: ${(error as Error).message}\n`);
  }
}
