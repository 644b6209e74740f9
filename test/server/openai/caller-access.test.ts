import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, RateLimitError } from 'switchyard';
import type { Caller, CallerResolver } from '../../../src/server/http/caller.js';
import { Dispatcher } from '../../../src/server/http/dispatcher.js';
import { NodeExchange } from '../../../src/server/http/node-exchange.js';
import { RouteTable } from '../../../src/server/http/route-table.js';
import { CallTracker } from '../../../src/server/openai/call-tracker.js';
import { addOpenAIRoutes } from '../../../src/server/openai/openai-routes.js';
import { afterThisTest } from '../../support/after-this-test.js';
import { record } from '../../support/events.js';
import { CHAT_MODEL, EMBEDDING_MODEL, mockDeployments, openAIScript } from '../../support/gateway/gateway-on-mock.js';
import type { MockScript } from '../../support/mock-provider-server.js';
import { openAIStreamEvents, sse } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { testRouter } from '../../support/routers.js';
import { until } from '../../support/until.js';

const KEY = 'sk-virtual-test-key';

/** A caller as a virtual key would be: its hash, its user and team, the models it may use, a parallel limit. */
class LimitedCaller implements Caller {
  readonly isMaster = false;
  readonly token = 'hash-of-the-key';
  readonly keyAlias = 'ci';
  readonly userId = 'alice';
  readonly teamId = 'red';
  inFlight = 0;

  constructor(
    private readonly models: readonly string[],
    private readonly maxParallel: number,
  ) {}

  mayUse(model: string): boolean {
    return this.models.includes(model);
  }

  enter(): () => void {
    if (this.inFlight >= this.maxParallel)
      throw new RateLimitError('Too many requests in parallel for this key', { retryAfterMs: 1_000, code: 'parallel_limit' });
    this.inFlight++;
    return () => void this.inFlight--;
  }
}

/** OpenAI's routes behind a resolver other than the master key's, served over loopback as the gateway serves them. */
async function servedWith(caller: LimitedCaller, script: MockScript = openAIScript) {
  const mock = await mockServer(script);
  const router = testRouter({ deployments: mockDeployments(mock) });
  const calls = new CallTracker(router);
  const routes = new RouteTable();
  addOpenAIRoutes(routes, { router, calls, tagRouting: false });
  const resolver: CallerResolver = {
    resolve: async (bearer) => {
      if (bearer !== KEY) throw new AuthenticationError('Invalid API key', { code: 'invalid_api_key' });
      return caller;
    },
  };
  const dispatcher = new Dispatcher(routes, resolver, 1 << 20);
  const server = createServer((req, res) => void dispatcher.handle(new NodeExchange(req, res, '')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterThisTest(async () => {
    calls.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const openai = new OpenAI({ baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, apiKey: KEY, maxRetries: 0 });
  return { openai, router, mock };
}

const hi = [{ role: 'user' as const, content: 'hi' }];

describe('a caller other than the master key', () => {
  it('lists only the models it may use, and is refused the others with 403', async () => {
    const { openai, mock } = await servedWith(new LimitedCaller([CHAT_MODEL], 5));

    const listed = (await openai.models.list()).data.map((model) => model.id);
    const refused = await openai.embeddings.create({ model: EMBEDDING_MODEL, input: 'x' }).catch((e: unknown) => e);

    expect(listed).toEqual([CHAT_MODEL]);
    expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(refused).toMatchObject({ status: 403, code: 'model_not_allowed', param: 'model' });
    expect(mock.calls).toHaveLength(0);
  });

  it('calls the router as its key, user and team', async () => {
    const { openai, router } = await servedWith(new LimitedCaller([CHAT_MODEL], 5));
    const { success } = record(router, 'success');

    await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi, user: 'end-user' });

    expect(success[0]).toMatchObject({ apiKeyId: 'hash-of-the-key', user: 'alice', team: 'red', metadata: { key_alias: 'ci', end_user: 'end-user' } });
  });

  it('holds its parallel slot until a stream has ended, and answers 429 past its limit', async () => {
    const caller = new LimitedCaller([CHAT_MODEL], 1);
    // A stream that sends its first events and then nothing, open until its client leaves.
    const openStream = sse(openAIStreamEvents(['a', 'b']).slice(0, 2), { end: 'stall' });
    const { openai } = await servedWith(caller, (call) => ((call.body as { stream?: boolean }).stream ? openStream : openAIScript(call)));

    const stream = await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi, stream: true });
    await stream[Symbol.asyncIterator]().next();
    expect(caller.inFlight).toBe(1);
    const refused = await openai.chat.completions.create({ model: CHAT_MODEL, messages: hi }).catch((e: unknown) => e);
    stream.controller.abort();

    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect((refused as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after-ms')).toBe('1000');
    await until(() => caller.inFlight === 0);
  });
});
