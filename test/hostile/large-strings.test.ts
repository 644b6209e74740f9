import { BadRequestError, ConfigError, NotFoundError, type CompletionOptions } from 'switchyard';
import { describe, expect, it } from 'vitest';
import { hi } from '../support/chat-fixtures.js';
import { mockDeployment } from '../support/deployments.js';
import { rejectionOf, routerConfigError } from '../support/errors.js';
import { budgetedRouter, expectNamed, rejectedThenServed } from './hostile-router.js';

const MEGABYTE = 'x'.repeat(1_000_000);
/** What a message may hold: the field, what is expected, and at most 40 characters of what was given. */
const SHORT_MESSAGE = 500;

function expectShort(error: unknown, names: string): void {
  expect((error as Error).message.length).toBeLessThan(SHORT_MESSAGE);
  expect((error as Error).message).toContain(names);
}

describe('a megabyte string anywhere a caller writes gives a typed error of a few lines, naming the field', () => {
  it('as retries.byError', async () => {
    const error = await rejectedThenServed({}, { retries: { byError: MEGABYTE } });
    expectNamed(error, 'options.retries.byError', /expected \{ ErrorClassName: retries \}, got "x{40}…"/);
    expectShort(error, 'options.retries.byError');
  });

  it('as the name of a field of retries', async () => {
    const error = await rejectedThenServed({}, { retries: { [MEGABYTE]: 1 } });
    expectNamed(error, `options.retries.${'x'.repeat(40)}…`, /unknown field\. Known fields: max, minDelayMs/);
    expectShort(error, 'options.retries.x');
  });

  it('as the name of a retries.byError entry', async () => {
    const error = await rejectedThenServed({}, { retries: { byError: { [MEGABYTE]: -1 } } });
    expectNamed(error, `options.retries.byError.${'x'.repeat(40)}…`, /expected an integer of 0 or more, got -1/);
    expectShort(error, 'options.retries.byError.x');
  });

  it('as the name of an option', async () => {
    const error = await rejectedThenServed({}, { [MEGABYTE]: 1 });
    expectNamed(error, `options.${'x'.repeat(40)}…`, /unknown option\. Known options: signal/);
    expectShort(error, 'options.x');
  });

  it('as the model', async () => {
    const { server, router } = await budgetedRouter();
    const error = await rejectionOf(router.completion({ model: MEGABYTE, messages: hi }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).param).toBe('model');
    expectShort(error, `No deployment serves model '${'x'.repeat(40)}…'. Known models: gpt`);
    expect(server.calls).toHaveLength(0);
  });

  it('as a fallback model', async () => {
    const { router } = await budgetedRouter();
    const error = await rejectionOf(router.completion({ model: 'absent', messages: hi }, { fallbacks: [MEGABYTE] } as CompletionOptions));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message.length).toBeLessThan(SHORT_MESSAGE);
  });

  it('as an unknown spend scope', async () => {
    const { router } = await budgetedRouter();
    let error: unknown;
    try {
      router.spend({ scope: MEGABYTE as 'user', id: 'alice' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(BadRequestError);
    expectShort(error, 'spend: unknown scope');
  });
});

describe('a megabyte string in a config gives a ConfigError of a few lines, naming the field', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['the name of a deployment field', { deployments: [{ ...mockDeployment('a'), [MEGABYTE]: 1 }] }, 'deployments[0].x'],
    ['a provider', { deployments: [{ ...mockDeployment('a'), provider: MEGABYTE }] }, 'deployments[0].provider: unknown provider'],
    ['the name of a hook', { deployments: [mockDeployment('a')], callbacks: [{ [`onX${MEGABYTE}`]: () => undefined }] }, 'callbacks[0].onXx'],
    ['the name of a retries field', { deployments: [mockDeployment('a')], retries: { [MEGABYTE]: 1 } }, 'retries.x'],
    ['a fallback model', { deployments: [mockDeployment('a')], fallbacks: { a: [MEGABYTE] } }, 'fallbacks.a[0]: no deployment serves model'],
    ['a model with fallbacks', { deployments: [mockDeployment('a')], fallbacks: { [MEGABYTE]: ['a'] } }, 'fallbacks.x'],
  ];
  it.each(cases)('as %s', (_name, options, names) => {
    const error = routerConfigError(options);
    expect(error).toBeInstanceOf(ConfigError);
    expectShort(error, names);
  });
});
