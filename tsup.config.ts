import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  // Entries share one copy of the core (chunks), so `switchyard/testing` runs the same Router as `switchyard`.
  splitting: true,
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  // `import.meta.url` in the CJS build (the token counter requires tiktoken lazily).
  shims: true,
});
