// Preloaded with `node --import`: any import of vitest fails, so esm.mjs finishing shows plain `switchyard` never imports it.
import { register } from 'node:module';

const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === 'vitest' || specifier.startsWith('vitest/')) throw new Error('vitest is forbidden in this process');
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
