import { BadRequestError, ChatCompletionStream, RouterError, type ChatCompletion } from 'switchyard';
import { expect } from 'vitest';

/** Far beyond what any call on an in-process or loopback provider needs, even on a loaded machine: reaching it means a hang. */
const HANG_BOUND_MS = 15_000;

export type Outcome = { kind: 'answer'; value: unknown } | { kind: 'error'; error: unknown } | { kind: 'hang' };

/** How `run` ends: an answer, an error (thrown or rejected), or still pending after the hang bound. */
export async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'hang' }), HANG_BOUND_MS);
  });
  const settled = (async (): Promise<Outcome> => {
    try {
      return { kind: 'answer', value: await run() };
    } catch (error) {
      return { kind: 'error', error };
    }
  })();
  try {
    return await Promise.race([settled, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Fails unless `outcome` is a RouterError; a plain BadRequestError (the router's own input
 * check) must name the field in `param`, unless the input is no object at all and so has no field to name.
 */
export function expectRouterError(outcome: Outcome, input: unknown): RouterError {
  expect(outcome.kind, 'the call hung').not.toBe('hang');
  expect(outcome.kind).toBe('error');
  const { error } = outcome as { error: unknown };
  if (!(error instanceof RouterError)) throw new Error(`expected a RouterError, got ${String((error as Error)?.stack ?? error)}`);
  const ownInputCheck = Object.getPrototypeOf(error) === BadRequestError.prototype;
  if (ownInputCheck && typeof input === 'object' && input !== null) expect(typeof error.param, `param of "${error.message}"`).toBe('string');
  return error;
}

/** Fails unless `value` is a whole answer or a stream that delivers well-formed chunks to its end; returns the call's cost. */
export async function costOfAnswer(value: unknown): Promise<number | undefined> {
  if (value instanceof ChatCompletionStream) {
    for await (const chunk of value) {
      expect(chunk.object).toBe('chat.completion.chunk');
      expect(Array.isArray(chunk.choices)).toBe(true);
    }
    return value.costUsd;
  }
  const answer = value as ChatCompletion & { costUsd?: number };
  expect(answer.object).toBe('chat.completion');
  expect(answer.choices[0]?.message.role).toBe('assistant');
  expect(typeof answer.choices[0]?.message.content).toBe('string');
  for (const count of Object.values(answer.usage ?? {})) if (typeof count === 'number') expect(Number.isFinite(count)).toBe(true);
  return answer.costUsd;
}

type PrototypeSnapshot = Map<object, Map<string, unknown>>;

const GUARDED: readonly object[] = [Object.prototype, Array.prototype, Function.prototype, String.prototype];

/** Every own property of the built-in prototypes, by identity of its value or accessors. */
export function prototypeSnapshot(): PrototypeSnapshot {
  return new Map(
    GUARDED.map((proto) => [
      proto,
      new Map(
        Reflect.ownKeys(proto).map((key) => {
          const descriptor = Object.getOwnPropertyDescriptor(proto, key) as PropertyDescriptor;
          return [String(key), descriptor.get ?? descriptor.set ?? descriptor.value];
        }),
      ),
    ]),
  );
}

/** Fails if any built-in prototype gained, lost or changed a property since `before`. */
export function expectPrototypesUntouched(before: PrototypeSnapshot): void {
  const canary: Record<string, unknown> = {};
  expect(canary.polluted, 'Object.prototype.polluted').toBeUndefined();
  expect(Object.getPrototypeOf(canary)).toBe(Object.prototype);
  const after = prototypeSnapshot();
  for (const [proto, properties] of before) {
    const now = after.get(proto) as Map<string, unknown>;
    expect([...now.keys()]).toEqual([...properties.keys()]);
    for (const [key, value] of properties) expect(now.get(key) === value, `${key} of a built-in prototype replaced`).toBe(true);
  }
}
