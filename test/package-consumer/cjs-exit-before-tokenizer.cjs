// A short CommonJS script with a router that counts tokens: the tokenizer's background build must
// not keep it from exiting, unless it awaits warmup (`node cjs-exit-before-tokenizer.cjs warmup`).
const { Router } = require('switchyard');

process.on('exit', () => console.log(JSON.stringify({ tiktokenLoaded: Object.keys(require.cache).some((path) => path.includes('tiktoken')) })));
const router = new Router({ deployments: [{ model: 'm', provider: 'mock' }], budgets: [{ scope: 'global', maxUsd: 10, period: '1d' }] });
if (process.argv[2] === 'warmup') router.warmup();
