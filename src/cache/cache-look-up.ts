import type { Deployment } from '../deployments/deployment.js';
import type { CallState } from '../pipeline/call-state.js';
import type { ChatCompletionStream } from '../pipeline/chat-completion-stream.js';
import type { CompletionOptions } from '../pipeline/completion-options.js';
import type { Clock } from '../time/clock.js';
import type { ChatCompletion, ChatCompletionRequest } from '../types/chat.js';
import { answerFromCache, type CacheHitContext } from './cache-hit.js';
import { copyJson } from './copy-json.js';
import type { CachedCompletion, CachePlan, Flight, ResponseCache, ServedBy } from './response-cache.js';
import type { SemanticProbe } from './semantic/semantic-lookup.js';

/** What the cache's part in a call needs of its router. */
export interface CacheLookUpContext extends CacheHitContext {
  clock: Clock;
  /** The longest a call waits for an identical one it joined (a stream its caller never reads never ends): the router's `timeoutMs`. */
  joinLimitMs: number;
  /** Embeds a text through the router's own `embedding()`, as the caller's call. */
  embed(model: string, input: string, options: CompletionOptions): Promise<number[]>;
}

/** A call the cache may store: `answered` hands it the call's whole answer, or undefined when there is none to keep (failed, stopped, cut). */
export interface CachedCall {
  answered(completion: ChatCompletion | undefined, costUsd?: number, deployment?: Deployment): void;
}

/** What the cache did for a call: answered it, or may store its answer. */
export type CacheLookUp = { answer: ChatCompletion | ChatCompletionStream; cached: undefined } | { answer: undefined; cached: CachedCall | undefined };

const NOT_CACHED: CacheLookUp = Object.freeze({ answer: undefined, cached: undefined });

const servedBy = (deployment: Deployment): ServedBy => ({
  deploymentId: deployment.id,
  provider: deployment.provider,
  providerModel: deployment.providerModel,
});

/**
 * The cache's part in a call: a hit (exact, the answer of an identical call in flight, or
 * semantic) ends it; else, when the call may be stored, it is what the call's answer is
 * handed to.
 */
export async function lookUp(
  cache: ResponseCache,
  context: CacheLookUpContext,
  call: CallState,
  model: string,
  request: ChatCompletionRequest,
): Promise<CacheLookUp> {
  const plan = cache.plan(model, request, call.options);
  if (plan === undefined) return NOT_CACHED;
  let answer: CachedCompletion | undefined;
  if (plan.lookUp) {
    const found = cache.find(plan.key);
    answer = found instanceof Promise ? await found : found;
    const response = answer && answerFromCache(context, call, request.model, request, answer);
    if (response !== undefined) return { answer: response, cached: undefined };
  }
  // From the look-up's answer to leading, nothing awaits: of identical calls, one leads and the others join it.
  const flight = cache.inFlight(plan.key);
  const led = flight === undefined ? cache.lead(plan.key) : undefined;
  if (flight !== undefined && plan.lookUp) answer = await joined(context, flight);
  const probe =
    answer === undefined && led !== undefined && cache.semantic !== undefined ? await semanticProbe(cache, context, plan, model, request, call) : undefined;
  if (probe?.hitKey !== undefined && plan.lookUp) answer = await cache.find(probe.hitKey);
  const response = answer && answerFromCache(context, call, request.model, request, answer);
  if (response !== undefined) {
    led?.end(answer);
    return { answer: response, cached: undefined };
  }
  return {
    answer: undefined,
    cached: {
      answered: (completion, costUsd, deployment) => {
        const entry = completion && deployment && cache.entry(plan, completion, costUsd, servedBy(deployment));
        // Joiners get their own copy: the caller owns the answer it is handed, and may change it.
        led?.end(entry && led.joined ? { ...entry, completion: copyJson(entry.completion) } : entry);
        if (entry === undefined || !plan.store) return;
        cache.keep(plan, entry);
        probe?.remember(plan.key);
      },
    },
  };
}

/** The semantic cache's look-up for a call (its question embedded through the router); undefined when embedding failed. */
async function semanticProbe(
  cache: ResponseCache,
  context: CacheLookUpContext,
  plan: CachePlan,
  model: string,
  request: ChatCompletionRequest,
  call: CallState,
): Promise<SemanticProbe | undefined> {
  const semantic = cache.semantic;
  if (semantic === undefined) return undefined;
  const { user, team, apiKeyId, tags, metadata } = call.options;
  try {
    return await semantic.probe(model, request, plan.partition, (input) =>
      context.embed(semantic.embeddingModel, input, { user, team, apiKeyId, tags, metadata }),
    );
  } catch (error) {
    cache.semanticFailed(error);
    return undefined;
  }
}

/** The answer of an identical call in flight, waited for at most `joinLimitMs`. */
async function joined(context: CacheLookUpContext, flight: Flight): Promise<CachedCompletion | undefined> {
  let timer: unknown;
  const givenUp = new Promise<undefined>((resolve) => {
    timer = context.clock.setTimeout(() => resolve(undefined), context.joinLimitMs);
  });
  try {
    return await Promise.race([flight.answer(), givenUp]);
  } finally {
    context.clock.clearTimeout(timer);
  }
}
