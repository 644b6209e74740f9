import { describe, it } from 'vitest';
import { expectNamed, rejectedThenServed } from './hostile-router.js';
import { circular, nested } from './hostile-values.js';

describe('a per-request option of the wrong kind is a BadRequestError naming it, before any provider is called', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['tags nested 3,000 deep', { tags: nested(3_000, 'array') }, 'options.tags', /expected an array of strings.*got an array/],
    ["tags: 'batch'", { tags: 'batch' }, 'options.tags', /expected an array of strings.*got "batch"/],
    ['tags: {}', { tags: {} }, 'options.tags', /got an object/],
    ['tags: null', { tags: null }, 'options.tags', /got null/],
    ['retries: null', { retries: null }, 'options.retries', /expected a number of retries.*got null/],
    ['team without a prototype', { team: Object.create(null) }, 'options.team', /expected a string id, got an object/],
    ['streamIdleTimeoutMs without a prototype', { streamIdleTimeoutMs: Object.create(null) }, 'options.streamIdleTimeoutMs', /got an object/],
    ['user: a symbol', { user: Symbol('alice') }, 'options.user', /got a symbol \(alice\)/],
    ['timeoutMs: 10n', { timeoutMs: 10n }, 'options.timeoutMs', /got 10n \(a BigInt\)/],
    ['circular metadata', { metadata: circular({ ticket: 'T-1' }) }, 'options.metadata.self', /refers back to metadata: a circular structure/],
  ];
  it.each(cases)('%s', async (_name, options, param, message) => {
    expectNamed(await rejectedThenServed({}, options), param, message);
  });

  it('metadata nested 3,000 deep', async () => {
    const error = await rejectedThenServed({}, { metadata: nested(3_000, 'object') });
    expectNamed(error, `options.metadata${'.inner'.repeat(100)}`, 'nested more than 100 levels deep');
  });

  it('options without a prototype are read as options', async () => {
    const error = await rejectedThenServed({}, Object.assign(Object.create(null) as object, { usr: 'alice' }));
    expectNamed(error, 'options.usr', "did you mean 'user'?");
  });
});
