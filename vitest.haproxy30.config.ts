// The second run of `npm test`: the test files that start HAProxy, against HAProxy 3.0 (src/lab/haproxy-versions.ts).
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';
import { HAPROXY30_TEST_FILES, TEST_HAPROXY_ENV } from './src/lab/haproxy-versions.js';

export default defineConfig({
  ...base,
  // Not mergeConfig: it would append this include list to the base one instead of replacing it.
  test: { ...base.test, include: HAPROXY30_TEST_FILES, env: { [TEST_HAPROXY_ENV]: '3.0' } },
});
