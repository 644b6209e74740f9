import { afterThisTest } from '../../../support/after-this-test.js';
import { startFleet, type Fleet, type FleetBound, type FleetJob } from '../../../support/fleet/fleet.js';
import { json, openAICompletion, type MockReply } from '../../../support/mock-replies.js';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../../../support/redis/redis-gate.js';

/** Spawning node with tsx takes seconds on a loaded machine: the bound ends a real hang, it does not time the work. */
export const BOUND: FleetBound = { boundMs: 60_000 };

/** A key prefix for this test alone; its keys are deleted after the test (after its fleets are stopped, which register later). */
export function testPrefix(label: string): string {
  const prefix = uniquePrefix(`fleet-${label}`);
  afterThisTest(async () => {
    await deleteKeys(REDIS_URL, `{${prefix}}*`);
  });
  return prefix;
}

/**
 * A worker on the shared Redis. `deny` and a long command time-out: a Redis slowed down by a
 * loaded machine fails calls loudly instead of letting a worker fall back to its own counts
 * (`allow`), which would make the fleet's totals depend on the machine's speed.
 */
export function redisJob(prefix: string, job: Omit<FleetJob, 'state'>): FleetJob {
  return { state: 'redis', redisUrl: REDIS_URL, prefix, onUnavailable: 'deny', commandTimeoutMs: 5_000, ...job };
}

/** A fleet stopped after the test. */
export async function fleetOf(jobs: FleetJob[], bound = BOUND): Promise<Fleet> {
  const fleet = await startFleet(jobs, bound);
  afterThisTest(() => fleet.stopAll());
  return fleet;
}

/** An OpenAI answer with exactly these token counts. */
export const answerWith = (completionTokens: number, promptTokens = 9): MockReply =>
  json(openAICompletion('ok', { prompt_tokens: promptTokens, completion_tokens: completionTokens }));

const MINUTE_MS = 60_000;

/**
 * Per-minute counts live in fixed UTC minutes: calls that straddle a minute's end count in two
 * windows. When less than `neededMs` is left in this minute, waits for the next one to begin
 * (a wait, not a timing assertion). Returns the minute the calls should fall in.
 */
export async function startOfRoomyMinute(neededMs: number): Promise<number> {
  const left = MINUTE_MS - (Date.now() % MINUTE_MS);
  if (left < neededMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
  return minuteOf(Date.now());
}

export const minuteOf = (ms: number) => Math.floor(ms / MINUTE_MS);
