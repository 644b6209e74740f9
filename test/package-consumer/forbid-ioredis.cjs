// Preloaded with `node --require`: resolving ioredis fails, from `require` (patched below, in this child
// process only) and from `import` (a resolve hook), so a consumer finishing shows `switchyard` never loads it.
const Module = require('node:module');

const message = 'ioredis is forbidden in this process';
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'ioredis' || request.startsWith('ioredis/')) throw new Error(message);
  return resolveFilename.call(this, request, ...rest);
};

const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === 'ioredis' || specifier.startsWith('ioredis/')) throw new Error(${JSON.stringify(message)});
  return next(specifier, context);
}`;
Module.register(`data:text/javascript,${encodeURIComponent(hooks)}`);
