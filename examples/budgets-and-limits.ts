/**
 * Budgets, rate limits and spend on the built-in mock provider (no API keys, no network):
 * a user runs out of a daily budget, another hits a requests-per-minute limit, and the
 * router reports what everyone spent.
 *
 *   npx tsx examples/budgets-and-limits.ts
 */
import { BudgetExceededError, CallerRateLimitError, Router } from 'switchyard';

const NOON_TODAY = new Date().setUTCHours(12, 0, 0, 0);

const router = new Router({
  deployments: [
    // 1,000 output tokens per answer at $2 per million: $0.002 a call.
    { model: 'chat', provider: 'mock', params: { usage: { prompt_tokens: 50, completion_tokens: 1000 } }, pricing: { inputPerMTok: 0, outputPerMTok: 2 } },
  ],
  budgets: [{ scope: 'user', maxUsd: 0.01, period: '1d', warnAt: 0.5 }],
  limits: [{ scope: 'user', id: 'burst-bot', rpm: 3 }],
  // Rate limits count per UTC minute and this budget per UTC day: the example holds its clock
  // at noon so neither can turn over between two calls and change what it prints. Leave
  // `now` out in your own code.
  now: () => NOON_TODAY,
});

router.on('budget-warning', (e) => console.log(`warning: ${e.scope} ${e.id} has spent $${e.spentUsd.toFixed(3)} of $${e.limitUsd}`));
router.on('budget-exceeded', (e) => console.log(`budget reached: ${e.scope} ${e.id}, resets at ${e.resetsAt?.toISOString()}`));

async function ask(user: string): Promise<string> {
  try {
    const res = await router.completion({ model: 'chat', messages: [{ role: 'user', content: 'Hello!' }] }, { user });
    return `ok ($${res.costUsd?.toFixed(3)})`;
  } catch (error) {
    if (error instanceof BudgetExceededError) return `refused: budget spent ($${error.spentUsd.toFixed(3)} of $${error.limitUsd})`;
    if (error instanceof CallerRateLimitError) return `refused: ${error.limitName} limit, retry in ${Math.ceil((error.retryAfterMs ?? 0) / 1000)} s`;
    throw error;
  }
}

for (let i = 1; i <= 6; i++) console.log(`alice call ${i}: ${await ask('alice')}`);
for (let i = 1; i <= 4; i++) console.log(`burst-bot call ${i}: ${await ask('burst-bot')}`);

for (const user of ['alice', 'burst-bot']) {
  const spend = router.spend({ scope: 'user', id: user });
  console.log(
    `${user}: spent $${spend.spentUsd.toFixed(3)} of $${spend.limitUsd}, $${spend.remainingUsd?.toFixed(3)} left until ${spend.resetsAt?.toISOString()}`,
  );
}
console.log(`everyone: $${router.spend().spentUsd.toFixed(3)}`);
await router.close();
