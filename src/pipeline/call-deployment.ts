import type { Clock } from '../time/clock.js';
import type { Deployment } from '../deployments/deployment.js';
import { APIConnectionError, BadRequestError } from '../errors/api-errors.js';
import { deploymentSecrets } from '../errors/deployment-secrets.js';
import { errorFromStatus } from '../errors/error-from-status.js';
import { malformedAnswer } from '../errors/malformed-answer.js';
import { RouterError } from '../errors/router-error.js';
import { withoutSecrets } from '../errors/without-secrets.js';
import type { HttpChatAdapter, HttpRequestSpec, ProviderTarget } from '../provider-adapter.js';
import { AttemptSignal } from '../transport/attempt-signal.js';
import type { Deadlines, TimeLimit } from '../transport/deadlines.js';
import type { HttpResponse, HttpTransport } from '../transport/http-transport.js';
import { readAwsEventStream } from '../transport/aws-event-stream.js';
import { readServerSentEvents } from '../transport/sse.js';
import { transportError } from '../transport/transport-error.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '../types/chat.js';
import type { EmbeddingRequest, EmbeddingResponse } from '../types/embedding.js';
import { withTextContent } from './content-text.js';

export interface AttemptSettings {
  transport: HttpTransport;
  deadlines: Deadlines;
  /** Until the whole answer, or a stream's headers. */
  attemptLimit: TimeLimit;
  /** Longest wait for a stream's next chunk. */
  idleLimit: TimeLimit;
  /** The call's deadline (a time on the router's clock), which caps every wait. */
  deadlineAt: number | undefined;
  signal: AbortSignal | undefined;
  random: () => number;
  clock: Clock;
}

/** An open stream: its chunks, and how to let go of the connection once done with them. */
export interface OpenStream {
  chunks: AsyncIterator<ChatCompletionChunk>;
  release(): void;
}

function mapped(error: unknown, attempt: AttemptSignal, deployment: Deployment): unknown {
  return attempt.cause || !(error instanceof RouterError)
    ? transportError(error, attempt, deployment.target)
    : withoutSecrets(error, deploymentSecrets(deployment.target));
}

/** A response that is not 2xx, as the adapter's typed error (the status alone classifies it if the body cannot be read). */
async function failure(response: HttpResponse, chat: HttpChatAdapter, deployment: Deployment): Promise<never> {
  let text = '';
  try {
    text = await response.body.text();
  } catch {
    // The status is enough.
  }
  throw chat.parseError(response.statusCode, text, response.headers, deployment.target);
}

const succeeded = (response: HttpResponse) => response.statusCode >= 200 && response.statusCode < 300;

/** The adapter's request, finished per call by adapters that need to (tokens, signatures). */
async function preparedRequest(chat: HttpChatAdapter, request: ChatCompletionRequest, target: ProviderTarget): Promise<HttpRequestSpec> {
  const spec = chat.buildRequest(request, target);
  return chat.prepare ? chat.prepare(spec, target) : spec;
}

/** A 2xx body as JSON; one that is not is a retryable server failure. */
async function jsonBody(response: HttpResponse, target: ProviderTarget): Promise<unknown> {
  const text = await response.body.text();
  try {
    return JSON.parse(text);
  } catch {
    throw malformedAnswer(target, `answered 200 with a body that is not JSON`);
  }
}

/** One non-streaming attempt against one deployment; the answer's `message.content` a string or null, whatever the adapter gave. */
export async function callChat(deployment: Deployment, request: ChatCompletionRequest, settings: AttemptSettings): Promise<ChatCompletion> {
  return withTextContent(await callChatAsGiven(deployment, request, settings));
}

async function callChatAsGiven(deployment: Deployment, request: ChatCompletionRequest, settings: AttemptSettings): Promise<ChatCompletion> {
  const attempt = new AttemptSignal(settings.signal, settings.deadlines);
  attempt.startTimer(settings.attemptLimit);
  const { chat } = deployment.adapter;
  try {
    if (chat.kind === 'local') {
      return await chat.complete(request, deployment.target, { signal: attempt.signal, random: settings.random, clock: settings.clock });
    }
    const spec = chat.prepare ? await preparedRequest(chat, request, deployment.target) : chat.buildRequest(request, deployment.target);
    const response = await settings.transport.send(spec, attempt);
    if (!succeeded(response)) await failure(response, chat, deployment);
    return chat.parseResponse(await jsonBody(response, deployment.target), deployment.target);
  } catch (error) {
    throw mapped(error, attempt, deployment);
  } finally {
    attempt.dispose();
  }
}

async function* decodeHttpStream(response: HttpResponse, chat: HttpChatAdapter, deployment: Deployment): AsyncGenerator<ChatCompletionChunk> {
  const decoder = chat.createStreamDecoder(deployment.target);
  let finished = false;
  const events = chat.streamFraming === 'aws-eventstream' ? readAwsEventStream(response.body) : readServerSentEvents(response.body);
  for await (const event of events) {
    const { chunks, done } = decoder.decode(event);
    for (const chunk of chunks) {
      if (chunk.choices[0]?.finish_reason) finished = true;
      yield chunk;
    }
    if (done) return;
  }
  if (!finished) {
    throw new APIConnectionError(`${deployment.provider} (${deployment.id}) closed the stream before finishing it`, {
      provider: deployment.provider,
      deploymentId: deployment.id,
    });
  }
}

/** Each wait for a chunk runs under the idle limit; socket errors, time-outs and aborts come out in the error taxonomy. */
async function* guardStream(
  source: AsyncIterable<ChatCompletionChunk>,
  deployment: Deployment,
  settings: AttemptSettings,
  attempt: AttemptSignal,
): AsyncGenerator<ChatCompletionChunk> {
  try {
    const iterator = source[Symbol.asyncIterator]();
    try {
      for (;;) {
        attempt.startTimer(settings.deadlines.within(settings.idleLimit, settings.deadlineAt));
        const next = await iterator.next();
        attempt.stopTimer();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  } catch (error) {
    throw mapped(error, attempt, deployment);
  }
}

async function sendStream(
  deployment: Deployment,
  chat: HttpChatAdapter,
  request: ChatCompletionRequest,
  settings: AttemptSettings,
  attempt: AttemptSignal,
): Promise<HttpResponse> {
  const response = await settings.transport.send(await preparedRequest(chat, request, deployment.target), attempt);
  return succeeded(response) ? response : failure(response, chat, deployment);
}

/** Opens one streaming attempt: resolves once the provider accepted it (headers in), with the chunks still to read. */
export async function openChatStream(deployment: Deployment, request: ChatCompletionRequest, settings: AttemptSettings): Promise<OpenStream> {
  const attempt = new AttemptSignal(settings.signal, settings.deadlines);
  attempt.startTimer(settings.attemptLimit);
  const { chat } = deployment.adapter;
  try {
    const source =
      chat.kind === 'local'
        ? await chat.stream(request, deployment.target, { signal: attempt.signal, random: settings.random, clock: settings.clock })
        : decodeHttpStream(await sendStream(deployment, chat, request, settings, attempt), chat, deployment);
    return { chunks: guardStream(source, deployment, settings, attempt), release: () => attempt.dispose() };
  } catch (error) {
    attempt.dispose();
    throw mapped(error, attempt, deployment);
  }
}

/** One embedding attempt against one deployment. */
export async function callEmbedding(deployment: Deployment, request: EmbeddingRequest, settings: AttemptSettings): Promise<EmbeddingResponse> {
  const { embed, chat } = deployment.adapter;
  if (!embed) {
    throw new BadRequestError(`Provider '${deployment.provider}' (${deployment.id}) has no embeddings; route embedding models to a provider that has`, {
      provider: deployment.provider,
      deploymentId: deployment.id,
    });
  }
  const attempt = new AttemptSignal(settings.signal, settings.deadlines);
  attempt.startTimer(settings.attemptLimit);
  try {
    if (embed.kind === 'local')
      return await embed.embed(request, deployment.target, { signal: attempt.signal, random: settings.random, clock: settings.clock });
    let spec = embed.buildRequest(request, deployment.target);
    if (chat.kind === 'http' && chat.prepare) spec = await chat.prepare(spec, deployment.target);
    const response = await settings.transport.send(spec, attempt);
    if (!succeeded(response)) {
      if (chat.kind === 'http') await failure(response, chat, deployment);
      throw errorFromStatus(response.statusCode, `${deployment.provider} (${deployment.id}) answered ${response.statusCode}`, {
        provider: deployment.provider,
        deploymentId: deployment.id,
      });
    }
    return embed.parseResponse(await jsonBody(response, deployment.target), request, deployment.target);
  } catch (error) {
    throw mapped(error, attempt, deployment);
  } finally {
    attempt.dispose();
  }
}
