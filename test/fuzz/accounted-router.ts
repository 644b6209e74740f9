import {
  BadRequestError,
  BudgetExceededError,
  ContextWindowExceededError,
  MemoryStateStore,
  MemoryWindowCounters,
  NotFoundError,
  Router,
  type ChatCompletionRequest,
  type DeploymentConfig,
  type RouterError,
  type RouterOptions,
} from 'switchyard';
import { afterAll, beforeAll, expect } from 'vitest';
import { costOfAnswer, expectPrototypesUntouched, expectRouterError, outcomeOf, prototypeSnapshot, type Outcome } from './fuzz-contract.js';

/** Usage every answer reports. */
export const FUZZ_USAGE = { prompt_tokens: 10, completion_tokens: 20 };
const USED_TOKENS = 30;
/** What every answer costs: priced so the sums stay exact in floating point. */
export const UNIT_COST_USD = 1.25;

/** Counters that also keep, per key, the sum of everything ever added to it, whatever the window. */
class RecordingCounters extends MemoryWindowCounters {
  readonly totals = new Map<string, number>();

  override add(key: string, windowStart: number, windowEnd: number, amount: number): number {
    this.totals.set(key, (this.totals.get(key) ?? 0) + amount);
    return super.add(key, windowStart, windowEnd, amount);
  }

  /** The sum over every key that starts with `prefix`. */
  total(prefix: string): number {
    let sum = 0;
    for (const [key, value] of this.totals) if (key.startsWith(prefix)) sum += value;
    return sum;
  }
}

class RecordingStore extends MemoryStateStore {
  override readonly counters = new RecordingCounters();
}

/** Prices that make the mock's 20 completion tokens cost exactly `UNIT_COST_USD`. */
export const FUZZ_PRICING = { inputPerMTok: 0, outputPerMTok: 62_500 };

export const FUZZ_DEPLOYMENT: DeploymentConfig = {
  model: 'm',
  provider: 'mock',
  id: 'fuzz',
  tags: ['batch'],
  params: { content: 'fine, thanks', usage: FUZZ_USAGE },
  pricing: FUZZ_PRICING,
};

/** The limit whose counters are checked: the first in `limits`, so its counter keys start with `rpm#0:` and `tpm#0:`. */
const LIMITS: RouterOptions['limits'] = [
  { scope: 'global', rpm: 1e9, tpm: 1e12 },
  { scope: 'user', rpm: 1e9 },
];
const BUDGETS: RouterOptions['budgets'] = [
  { scope: 'global', maxUsd: 1e9 },
  { scope: 'user', maxUsd: 1e9 },
  { scope: 'tag', maxUsd: 1e9 },
];

/**
 * One router shared by every case of a property, with a global budget and limits, on the
 * mock provider: after each case the built-in prototypes are as they were, a valid request
 * is still served, and spend, reservations and rate counts are exactly what the answered
 * calls used. A failing case leaves a fresh router behind, so shrinking starts clean.
 */
export class AccountedRouter {
  #router!: Router;
  #store!: RecordingStore;
  #attempts = 0;
  #answered = 0;
  /** Calls refused after the rate limits counted them. */
  #refusedAfterAdmission = 0;
  readonly #prototypes = prototypeSnapshot();

  constructor(private readonly deployment: DeploymentConfig = FUZZ_DEPLOYMENT) {
    this.#build();
  }

  get router(): Router {
    return this.#router;
  }

  #build(): void {
    this.#store = new RecordingStore();
    this.#router = new Router({ deployments: [this.deployment], budgets: BUDGETS, limits: LIMITS, state: this.#store });
    this.#router.on('request', () => this.#attempts++);
    this.#attempts = 0;
    this.#answered = 0;
    this.#refusedAfterAdmission = 0;
  }

  warmup(): Promise<void> {
    return this.#router.warmup();
  }

  close(): Promise<void> {
    return this.#router.close();
  }

  /** Runs one case through the contract; returns how it ended. `input` is the request or options the case made hostile. */
  async check(call: (router: Router) => Promise<unknown>, input: unknown): Promise<Outcome> {
    try {
      const outcome = await this.#attempt(call, input);
      expectPrototypesUntouched(this.#prototypes);
      const probe: ChatCompletionRequest = { model: 'm', messages: [{ role: 'user', content: 'still there?' }] };
      await this.#attempt((router) => router.completion(probe), probe, true);
      this.#expectLedger();
      return outcome;
    } catch (error) {
      await this.#router.close();
      this.#build();
      throw error;
    }
  }

  async #attempt(call: (router: Router) => Promise<unknown>, input: unknown, mustAnswer = false): Promise<Outcome> {
    const attemptsBefore = this.#attempts;
    const outcome = await outcomeOf(() => call(this.#router));
    if (mustAnswer && outcome.kind !== 'answer') throw new Error(`a valid request after the case was refused: ${describe(outcome)}`);
    if (outcome.kind === 'answer') {
      expect(await costOfAnswer(outcome.value)).toBe(UNIT_COST_USD);
      this.#answered++;
      return outcome;
    }
    const error = expectRouterError(outcome, input);
    if (refusedChoosingDeployment(error)) this.#refusedAfterAdmission++;
    expect(this.#attempts - attemptsBefore, `a refused call reached the provider: ${error.message}`).toBe(0);
    return outcome;
  }

  #expectLedger(): void {
    const spend = this.#router.spend();
    expect(spend.spentUsd).toBe(this.#answered * UNIT_COST_USD);
    expect(spend.reservedUsd).toBe(0);
    expect(this.#store.counters.total('tpm#0:')).toBe(this.#answered * USED_TOKENS);
    expect(this.#store.counters.total('rpm#0:')).toBe(this.#answered + this.#refusedAfterAdmission);
  }
}

/**
 * Whether the router refused the call while choosing its deployment: caller limits count a
 * call before that (README, "Rate limits"), so such a call counts one request.
 */
function refusedChoosingDeployment(error: RouterError): boolean {
  if (error instanceof BudgetExceededError || error instanceof NotFoundError || error instanceof ContextWindowExceededError) return true;
  return error instanceof BadRequestError && error.param === 'tags' && error.message.startsWith('No deployment');
}

/** The AccountedRouter of a test file on the mock provider, warmed up before its tests and closed after them. */
export function accountedRouterOfFile(): () => AccountedRouter {
  let fuzz: AccountedRouter | undefined;
  beforeAll(async () => {
    fuzz = new AccountedRouter();
    await fuzz.warmup();
  });
  afterAll(() => fuzz?.close());
  return () => fuzz as AccountedRouter;
}

function describe(outcome: Outcome): string {
  return outcome.kind === 'error' ? String((outcome.error as Error)?.stack ?? outcome.error) : outcome.kind;
}

/** A request every check must serve: one of each kind of message, a tool, a limit on the answer. */
export function validRequest(): ChatCompletionRequest {
  return {
    model: 'm',
    messages: [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: [{ type: 'text', text: 'what is the weather?' }], name: 'alice' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '18C' },
      { role: 'user', content: 'and tomorrow?' },
    ],
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
    max_tokens: 50,
  };
}
