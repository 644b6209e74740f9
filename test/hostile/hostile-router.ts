import { BadRequestError, type ChatCompletionRequest, type CompletionOptions, type Router } from 'switchyard';
import { expect } from 'vitest';
import { hi } from '../support/chat-fixtures.js';
import { openAIDeployment } from '../support/deployments.js';
import { rejectionOf } from '../support/errors.js';
import { json, openAICompletion } from '../support/mock-replies.js';
import type { MockProviderServer } from '../support/mock-provider-server.js';
import { routerOnMockServer } from '../support/routers.js';

/** $1 per million tokens each way: the one valid call of these tests (9 + 12 tokens) costs $0.000021. */
const PRICING = { inputPerMTok: 1, outputPerMTok: 1 };
const VALID_CALL_USD = 21 / 1_000_000;

/** A router on one OpenAI deployment of model 'gpt' over loopback HTTP, with a global budget, and every caller budgeted. */
export async function budgetedRouter(): Promise<{ server: MockProviderServer; router: Router }> {
  return routerOnMockServer(json(openAICompletion('ok')), (server) => openAIDeployment(server, 'gpt', { pricing: PRICING }), {
    budgets: [
      { scope: 'global', maxUsd: 1, period: '1d' },
      { scope: 'user', maxUsd: 1 },
      { scope: 'team', maxUsd: 1 },
    ],
  });
}

/**
 * The BadRequestError a call with these request fields (over `{ model: 'gpt', messages: hi }`) and options gets, after
 * checking that no provider was called, that nothing was spent or left reserved, and that the same router then serves a
 * valid call and spends exactly its cost.
 */
export async function rejectedThenServed(fields: Record<string, unknown>, options?: unknown): Promise<BadRequestError> {
  const { server, router } = await budgetedRouter();
  const error = await rejectionOf(router.completion({ model: 'gpt', messages: hi, ...fields } as ChatCompletionRequest, options as CompletionOptions));
  expect(error).toBeInstanceOf(BadRequestError);
  expect(server.calls).toHaveLength(0);
  expect(router.spend()).toMatchObject({ spentUsd: 0, reservedUsd: 0 });

  const answer = await router.completion({ model: 'gpt', messages: hi }, { user: 'alice', team: 'core' });
  expect(answer.choices[0]?.message.content).toBe('ok');
  expect(server.calls).toHaveLength(1);
  for (const query of [undefined, { scope: 'user', id: 'alice' }, { scope: 'team', id: 'core' }] as const) {
    expect(router.spend(query).spentUsd).toBeCloseTo(VALID_CALL_USD, 12);
    expect(router.spend(query).reservedUsd).toBe(0);
  }
  return error as BadRequestError;
}

/** The error's `param` is `param`, and its message names it. */
export function expectNamed(error: BadRequestError, param: string, message: string | RegExp): void {
  expect(error.param).toBe(param);
  expect(error.message).toContain(param);
  expect(error.message).toMatch(message);
}
