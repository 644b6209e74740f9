// Loads a copy of dist (argv[2]) whose node_modules lack ioredis: the core, as ESM and as CJS, imports
// and answers a call; the redis entry fails to load. Prints what each got.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = process.argv[2];
const require = createRequire(join(dist, 'index.cjs'));
const failure = (error) => ({ code: error.code, message: error.message });

async function call(build, content) {
  const router = new build.Router({ deployments: [{ model: 'm', provider: 'mock', params: { content } }] });
  const response = await router.completion({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  await router.close();
  return response.choices[0].message.content;
}

const esm = await call(await import(pathToFileURL(join(dist, 'index.js')).href), 'esm core ok');
const cjs = await call(require('./index.cjs'), 'cjs core ok');
const esmRedis = await import(pathToFileURL(join(dist, 'redis.js')).href).then(() => 'loaded', failure);
let cjsRedis = 'loaded';
try {
  require('./redis.cjs');
} catch (error) {
  cjsRedis = failure(error);
}
console.log(JSON.stringify({ esm, cjs, esmRedis, cjsRedis }));
