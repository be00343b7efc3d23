// Services whose code is imported when first used, not at start: the TUI is handed the object at once, and the
// map editor's views' code (maps, drift, trace, certificates: re2js, execa, the haproxy.cfg reader) loads the first
// time one of them asks for something. Every method of such a service returns a promise, so a caller cannot tell.

/**
 * An object whose methods call `load()`'s result, importing it on the first call (once; again after a failure).
 * `sync` holds the methods that cannot wait for an import: they are used as given.
 */
export function loadOnFirstCall<T extends object>(load: () => Promise<T>, sync: Partial<T> = {}): T {
  let loading: Promise<T> | undefined;
  const loaded = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  return new Proxy(sync as T, {
    get(target, key) {
      if (key in target) return (target as Record<PropertyKey, unknown>)[key];
      // Not a thenable (await on the object itself must not call load), and no symbol-keyed methods.
      if (key === 'then' || typeof key === 'symbol') return undefined;
      return (...args: unknown[]) => loaded().then((impl) => (impl as Record<string, (...a: unknown[]) => unknown>)[key]!(...args));
    },
    has: (target, key) => key in target || (key !== 'then' && typeof key === 'string'),
  });
}
