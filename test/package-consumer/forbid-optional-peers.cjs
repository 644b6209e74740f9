// Preloaded with `node --require`: resolving an optional peer dependency (ioredis, prom-client, @opentelemetry/*,
// kysely, better-sqlite3, pg, yaml)
// fails, from `require` (patched below, in this child process only) and from `import` (a resolve hook), so a
// consumer finishing shows `switchyard` never loads them.
const Module = require('node:module');

const PEERS = ['ioredis', 'prom-client', '@opentelemetry/', 'kysely', 'better-sqlite3', 'pg', 'yaml'];
const forbidden = (request) => PEERS.find((peer) => request === peer || request.startsWith(peer.endsWith('/') ? peer : `${peer}/`));

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const peer = forbidden(request);
  if (peer) throw new Error(`${peer.replace(/\/$/, '')} is forbidden in this process`);
  return resolveFilename.call(this, request, ...rest);
};

const hooks = `const PEERS = ${JSON.stringify(PEERS)};
export async function resolve(specifier, context, next) {
  const peer = PEERS.find((p) => specifier === p || specifier.startsWith(p.endsWith('/') ? p : p + '/'));
  if (peer) throw new Error(peer.replace(/\\/$/, '') + ' is forbidden in this process');
  return next(specifier, context);
}`;
Module.register(`data:text/javascript,${encodeURIComponent(hooks)}`);
