import { describe, expect, it } from 'vitest';
import { InternalServerError, RateLimitError, type RouterError } from 'switchyard';
import { hi } from '../support/chat-fixtures.js';
import { rejectionOf } from '../support/errors.js';
import { testRouter } from '../support/routers.js';

/** A provider's own kind of 429, as a provider of yours may throw it. */
class QuotaExhaustedError extends RateLimitError {
  static override readonly kind: string = 'QuotaExhaustedError';
}

/** How many attempts a call makes when its one deployment always fails with `fail()`, under `byError` and `max: 5`. */
async function attemptsUnder(byError: Record<string, number>, fail: () => RouterError): Promise<number> {
  const router = testRouter({
    retries: { max: 5, minDelayMs: 0, maxDelayMs: 0, byError },
    cooldown: { disabled: true },
    providers: {
      failing: {
        apiKeyRequired: false,
        chat: {
          kind: 'local',
          complete: async () => {
            throw fail();
          },
          stream: async () => {
            throw fail();
          },
        },
      },
    },
    deployments: [{ model: 'm', provider: 'failing' }],
  });
  const error = (await rejectionOf(router.completion({ model: 'm', messages: hi }))) as RouterError;
  expect(error.name).toBe(fail().name);
  return error.attempts?.length ?? 0;
}

const quota = () => new QuotaExhaustedError('quota exhausted');
const serverError = () => new InternalServerError('upstream failed', { status: 503 });

describe('byError', () => {
  it.each<[string, Record<string, number>, () => RouterError, number]>([
    ['no entry: max', {}, quota, 6],
    ["the error's own class", { QuotaExhaustedError: 0, RateLimitError: 3 }, quota, 1],
    ['its parent class, for a subclass', { RateLimitError: 1 }, quota, 2],
    ['the nearest ancestor with an entry', { RateLimitError: 1, RouterError: 3 }, quota, 2],
    ['RouterError, for every class', { RouterError: 2 }, serverError, 3],
    ['an unrelated class: max', { InternalServerError: 0 }, quota, 6],
  ])('%s', async (_, byError, fail, attempts) => {
    expect(await attemptsUnder(byError, fail)).toBe(attempts);
  });
});
