import { CallerRateLimitError, type Router } from '../../../src/index.js';
import type { FleetJob, FleetMessage, FleetResult } from './fleet-job.js';

/** Makes the job's calls, at most `concurrency` at once, and tallies how each ended. */
export async function runFleetCalls(router: Router, job: FleetJob, report: (message: FleetMessage) => void): Promise<Omit<FleetResult, 'spend'>> {
  const result: Omit<FleetResult, 'spend'> = { type: 'result', served: 0, failures: {}, retryAfterMs: [] };
  let started = 0;
  const oneCall = async () => {
    try {
      await router.completion(
        { model: job.model, messages: [{ role: 'user', content: 'hi' }], ...(job.maxTokens !== undefined && { max_tokens: job.maxTokens }) },
        job.requestOptions,
      );
      result.served++;
      report({ type: 'call', ok: true });
    } catch (error) {
      const name = error instanceof Error ? error.name : typeof error;
      result.failures[name] = (result.failures[name] ?? 0) + 1;
      if (error instanceof CallerRateLimitError && error.retryAfterMs !== undefined) result.retryAfterMs.push(error.retryAfterMs);
      report({ type: 'call', ok: false, error: name });
    }
  };
  const lane = async () => {
    while (started < job.calls) {
      started++;
      await oneCall();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(job.concurrency, job.calls)) }, lane));
  return result;
}
