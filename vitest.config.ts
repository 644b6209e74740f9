import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Exact matches: a bare `switchyard` alias would also rewrite `switchyard/redis` into `src/index.ts/redis`.
    alias: [
      { find: /^switchyard$/, replacement: source('./src/index.ts') },
      { find: /^switchyard\/redis$/, replacement: source('./src/redis.ts') },
      { find: /^switchyard\/testing$/, replacement: source('./src/testing/index.ts') },
      { find: /^switchyard\/otel$/, replacement: source('./src/otel.ts') },
      { find: /^switchyard\/prometheus$/, replacement: source('./src/prometheus.ts') },
      { find: /^switchyard\/server$/, replacement: source('./src/server.ts') },
      { find: /^switchyard\/config$/, replacement: source('./src/config.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 10_000,
    reporters: ['default', './test/support/summary-line-reporter.ts'],
  },
});
