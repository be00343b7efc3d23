import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests start real HAProxy/sshd processes; two cores only, so keep the pool small.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
