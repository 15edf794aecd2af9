import { defineConfig } from 'vitest/config';

// Benchmarks are not tests: `npm run bench:inspect` runs them on their own, one file at a time, and
// they print medians instead of asserting timings.
export default defineConfig({
  test: {
    include: ['test/bench/**/*.bench.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: ['default'],
  },
});
