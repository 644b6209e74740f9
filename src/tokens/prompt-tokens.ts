import type { TiktokenEncoding } from 'tiktoken';
import type { Deployment } from '../deployments/deployment.js';
import { LowestCostStrategy } from '../strategies/cost.js';
import type { RoutingStrategy } from '../strategies/routing-strategy.js';
import type { ChatCompletionRequest } from '../types/chat.js';
import { countTokens, encodingFor } from './count-tokens.js';
import { encoderBuilt, startLoadingEncodings } from './encoders.js';
import { estimatePromptTokens } from './estimate-tokens.js';

/**
 * A prompt's tokens for routing, without waiting for the tokenizer: counted as `countTokens`
 * counts them once the model's encoding is built; until then estimated from the text's length
 * (four characters a token) while the encoding is built in the background. Building one blocks
 * the thread ~0.3 s, which a call should not wait for: `router.warmup()` builds them ahead.
 */
export function routingPromptTokens(model: string, request: ChatCompletionRequest): number {
  const encoding = encodingFor(model);
  if (encoderBuilt(encoding)) return countTokens(model, request.messages, request.tools);
  startLoadingEncodings([encoding]);
  return estimatePromptTokens(request);
}

/** Whether calls count their prompt's tokens whatever the deployments: budgets and caller limits reserve by them, the cost strategy prices them. */
export function callersCountTokens(budgets: readonly unknown[], limits: readonly unknown[], strategies: Iterable<RoutingStrategy>): boolean {
  if (budgets.length > 0 || limits.length > 0) return true;
  for (const strategy of strategies) if (strategy instanceof LowestCostStrategy) return true;
  return false;
}

/** The encodings calls to these deployments count with; none when nothing counts tokens (`tpm` and `maxInputTokens` deployments do). */
export function encodingsToCount(deployments: readonly Deployment[], callersCount: boolean): Set<TiktokenEncoding> {
  const encodings = new Set<TiktokenEncoding>();
  for (const d of deployments) {
    if (!callersCount && d.tpm === undefined && d.maxInputTokens === undefined) continue;
    encodings.add(encodingFor(d.model));
    encodings.add(encodingFor(d.providerModel));
  }
  return encodings;
}
