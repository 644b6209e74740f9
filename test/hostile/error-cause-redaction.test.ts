import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  RouterError,
  type LocalChatAdapter,
  type ProviderAdapter,
  type ProviderTarget,
  type Router,
  type RouterEventName,
} from 'switchyard';
import { openAIProvider } from '../../providers/openai/openai-provider.js';
import { hi } from '../support/chat-fixtures.js';
import { rejectionOf } from '../support/errors.js';
import { record } from '../support/events.js';
import { reachableStrings } from '../support/reachable-strings.js';
import { testRouter } from '../support/routers.js';

const QUERY_KEY = 'query-key-0123456789';
const API_KEY = 'sk-api-key-9876543210';
const BEARER = 'gw-bearer-5555555555';
const SECRETS = [QUERY_KEY, API_KEY, BEARER];
const EVENTS: RouterEventName[] = [
  'request',
  'success',
  'failure',
  'warning',
  'retry',
  'fallback',
  'cooldown',
  'recovered',
  'budget-warning',
  'budget-exceeded',
];

/** What a logger could print of a value: inspection to the end, JSON of its own fields, and every string a walk of its fields and causes reaches. */
function printed(value: unknown): string[] {
  const fields = (item: unknown) =>
    typeof item === 'object' && item !== null
      ? Object.fromEntries(Object.getOwnPropertyNames(item).map((name) => [name, String((item as never)[name])]))
      : item;
  const causes: unknown[] = [];
  for (let cause: unknown = value; cause instanceof Error && causes.length < 20; cause = cause.cause) causes.push(cause);
  return [
    inspect(value, { depth: Infinity, showHidden: true, maxArrayLength: Infinity, maxStringLength: Infinity }),
    ...causes.map((cause) => JSON.stringify(fields(cause))),
    ...reachableStrings(value),
  ];
}

function expectNoSecret(value: unknown) {
  const texts = printed(value);
  for (const secret of SECRETS) expect(texts.filter((text) => text.includes(secret))).toEqual([]);
}

/** A gateway adapter that mistypes the port of every URL it builds, so the request fails before it leaves: `TypeError: Invalid URL`, the URL in its `input`. */
const mistypedPort: Omit<ProviderAdapter, 'name'> = {
  ...openAIProvider,
  apiKeyRequired: false,
  chat: {
    ...(openAIProvider.chat as Extract<ProviderAdapter['chat'], { kind: 'http' }>),
    buildRequest(request, target) {
      const spec = (openAIProvider.chat as Extract<ProviderAdapter['chat'], { kind: 'http' }>).buildRequest(request, target);
      return { ...spec, url: spec.url.replace(':8080/', ':99999/') };
    },
  },
};

/** A provider whose every failure carries the deployment's credentials deep in its cause chain. */
function leakingProvider(): LocalChatAdapter {
  const leak = (target: ProviderTarget) => {
    const request: Record<string, unknown> = { url: target.baseUrl, headers: Object.entries(target.headers ?? {}) };
    request.self = request;
    const socket = new Error(`socket closed while sending key ${target.apiKey}`, { cause: { request } });
    return new AggregateError([socket], 'every connection failed', { cause: socket });
  };
  return {
    kind: 'local',
    async complete(_, target) {
      throw leak(target);
    },
    async stream(_, target) {
      return (async function* () {
        yield* [];
        throw leak(target);
      })();
    },
  };
}

async function failureOf(router: Router, stream: boolean): Promise<unknown> {
  return rejectionOf(
    (async () => {
      const answer = await router.completion({ model: 'm', messages: hi, stream });
      if (stream) for await (const part of answer as AsyncIterable<unknown>) void part;
    })(),
  );
}

describe('secrets attached to an error, not only in its message', () => {
  it('a TypeError: Invalid URL holding a base URL query key is redacted in the APIConnectionError cause, and in every event', async () => {
    const router = testRouter({
      providers: { gateway: mistypedPort },
      deployments: [{ id: 'gw', model: 'm', provider: 'gateway', baseUrl: `http://127.0.0.1:8080/v1?api_key=${QUERY_KEY}`, apiKey: API_KEY }],
      retries: 0,
    });
    const events = record(router, ...EVENTS);

    const error = await failureOf(router, false);

    expect(error).toBeInstanceOf(APIConnectionError);
    const cause = (error as APIConnectionError).cause;
    expect(cause).toBeInstanceOf(TypeError);
    expect(cause).toMatchObject({ code: 'ERR_INVALID_URL', input: 'http://127.0.0.1:99999/v1/chat/completions?api_key=[redacted]' });
    expectNoSecret(error);
    expect(events.failure).toHaveLength(1);
    expectNoSecret(events);
  });

  it.each([false, true])('a cause chain of an in-process provider (stream: %s): nested, cyclic, in arrays and hidden fields', async (stream) => {
    const router = testRouter({
      providers: { leaky: { apiKeyRequired: true, chat: leakingProvider() } },
      deployments: [
        {
          id: 'leaky',
          model: 'm',
          provider: 'leaky',
          apiKey: API_KEY,
          baseUrl: `https://gw.example/v1?key=${QUERY_KEY}`,
          headers: { Authorization: `Bearer ${BEARER}` },
        },
      ],
      retries: 0,
    });
    const events = record(router, ...EVENTS);

    const error = await failureOf(router, stream);

    expect(error).toBeInstanceOf(RouterError);
    expect(((error as RouterError).cause as AggregateError).errors[0]).toBeInstanceOf(Error);
    expect(printed(error).join('\n')).toContain('socket closed while sending key [redacted]');
    expectNoSecret(error);
    expectNoSecret(events);
  });

  it("a provider's own RouterError whose cause holds a credential", async () => {
    const router = testRouter({
      providers: {
        typed: {
          apiKeyRequired: true,
          chat: {
            kind: 'local',
            async complete(_, target) {
              throw new APIConnectionError(`${target.deploymentId} refused`, { cause: { sentHeaders: { 'x-api-key': target.apiKey } } });
            },
            async stream() {
              throw new Error('not streamed here');
            },
          },
        },
      },
      deployments: [{ id: 'typed', model: 'm', provider: 'typed', apiKey: API_KEY }],
      retries: 0,
    });
    const events = record(router, ...EVENTS);

    const error = await failureOf(router, false);

    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).cause).toEqual({ sentHeaders: { 'x-api-key': '[redacted]' } });
    expectNoSecret(error);
    expectNoSecret(events);
  });
});
