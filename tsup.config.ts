import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
    redis: 'src/redis.ts',
    otel: 'src/otel.ts',
    prometheus: 'src/prometheus.ts',
    server: 'src/server.ts',
    config: 'src/config.ts',
    cli: 'src/cli.ts',
  },
  format: ['esm', 'cjs'],
  // Entries share one copy of the core (chunks), so `switchyard/testing` runs the same Router as `switchyard`.
  splitting: true,
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  // `import.meta.url` in the CJS build (tiktoken and undici are required lazily).
  shims: true,
  /**
   * What the package loads at import is bundled, so `import 'switchyard'` reads one file: the small
   * libraries it uses are devDependencies (tsup bundles those; p-retry is an ES module only, which
   * `require` cannot load before Node 20.19), and zod, a dependency for the `ZodType` in the types,
   * is bundled too: its hundred-odd files cost more to load than the part the schemas use, which
   * `import * as z` lets the bundle keep alone. undici, tiktoken, the price table and AWS's packages
   * stay dependencies, loaded only when a router needs them.
   */
  noExternal: ['zod'],
  // Rollup writes the CommonJS chunks: without it tsup converts them with sucrase, which also rewrites
  // every `?.`, `??` and class field into helper calls, slower to load and to run.
  treeshake: true,
});
