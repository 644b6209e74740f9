import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BadRequestError, InternalServerError, RateLimitError, type DeploymentConfig } from 'switchyard';
import { bedrockEventStream, bedrockFrame } from '../../support/bedrock-frames.js';
import { hi } from '../../support/chat-fixtures.js';
import type { MockProviderServer } from '../../support/mock-provider-server.js';
import type { MockReply } from '../../support/mock-replies.js';
import { mockServer } from '../../support/mock-servers.js';
import { testRouter } from '../../support/routers.js';
import { collect } from '../../support/streams.js';

const RECORDED_FRAME = '/work/shared/fixtures/provider-recordings/bedrock/model-stream-error-exception.eventstream.base64.txt';

const deployment = (server: MockProviderServer, id: string): DeploymentConfig => ({
  id,
  model: 'claude',
  provider: 'bedrock',
  providerModel: 'anthropic.claude-sonnet-4-5-v1:0',
  baseUrl: server.origin,
  apiKey: 'bedrock-api-key-0000',
});

/** A ConverseStream that starts, then breaks off with this exception frame, as AWS names them in the stream (lowerCamelCase). */
const brokenStream = (exception: string, payload: unknown): MockReply =>
  bedrockEventStream([bedrockFrame('messageStart', { role: 'assistant' }), bedrockFrame(exception, payload, 'exception')]);

/** Two deployments of one model on one server, one retry: a retryable failure reaches the server twice, another once. */
async function streamFailure(reply: MockReply): Promise<{ error: unknown; calls: number }> {
  const server = await mockServer(reply);
  const router = testRouter({ retries: 1, deployments: [deployment(server, 'a'), deployment(server, 'b')] });
  const error = await router
    .completion({ model: 'claude', messages: hi, stream: true })
    .then(collect)
    .then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
  return { error, calls: server.calls.length };
}

describe('bedrock stream exception frames', () => {
  it.each([
    { exception: 'throttlingException', errorClass: RateLimitError, status: 429, calls: 2 },
    { exception: 'validationException', errorClass: BadRequestError, status: 400, calls: 1 },
    { exception: 'modelStreamErrorException', errorClass: InternalServerError, status: 424, calls: 2 },
    { exception: 'serviceUnavailableException', errorClass: InternalServerError, status: 503, calls: 2 },
    { exception: 'internalServerException', errorClass: InternalServerError, status: 500, calls: 2 },
  ])('reads $exception as a $errorClass.name with status $status, retried only when AWS says to retry', async ({ exception, errorClass, status, calls }) => {
    const code = exception.charAt(0).toUpperCase() + exception.slice(1);
    const result = await streamFailure(brokenStream(exception, { message: `${exception} in the stream` }));
    expect(result.error).toBeInstanceOf(errorClass);
    expect(result.error).toMatchObject({ status, code, retryable: calls > 1, provider: 'bedrock' });
    expect((result.error as Error).message).toContain(`${code}: ${exception} in the stream`);
    expect(result.calls).toBe(calls);
  });

  it.skipIf(!existsSync(RECORDED_FRAME))("reads AWS's own modelStreamErrorException frame as a retryable 424 that keeps the frame's body", async () => {
    const frame = Buffer.from(readFileSync(RECORDED_FRAME, 'utf8').trim(), 'base64');
    const result = await streamFailure(bedrockEventStream([bedrockFrame('messageStart', { role: 'assistant' }), frame]));
    expect(result.error).toBeInstanceOf(InternalServerError);
    expect(result.error).toMatchObject({
      status: 424,
      code: 'ModelStreamErrorException',
      retryable: true,
      body: { message: 'Model Stream Error', originalStatusCode: 500, originalMessage: 'The model stream failed.' },
    });
    expect(result.calls).toBe(2);
  });
});
