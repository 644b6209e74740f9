import type { Deployment } from '../deployments/deployment.js';
import { APIConnectionError, InternalServerError } from '../errors/api-errors.js';
import { RouterError } from '../errors/router-error.js';
import type { HttpChatAdapter, ProviderTarget } from '../provider-adapter.js';
import { AttemptSignal } from '../transport/attempt-signal.js';
import type { Deadlines } from '../transport/deadlines.js';
import type { HttpResponse, HttpTransport } from '../transport/http-transport.js';
import { readServerSentEvents } from '../transport/sse.js';
import { transportError } from '../transport/transport-error.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '../types/chat.js';

export interface AttemptSettings {
  transport: HttpTransport;
  deadlines: Deadlines;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  random: () => number;
}

/** An open stream: its chunks, and how to let go of the connection once done with them. */
export interface OpenStream {
  chunks: AsyncIterable<ChatCompletionChunk>;
  release(): void;
}

function errorContext(deployment: Deployment, timeoutMs: number) {
  return { provider: deployment.provider, deploymentId: deployment.id, timeoutMs };
}

async function send(deployment: Deployment, chat: HttpChatAdapter, request: ChatCompletionRequest, settings: AttemptSettings, attempt: AttemptSignal): Promise<HttpResponse> {
  const spec = chat.buildRequest(request, deployment.target);
  let response: HttpResponse;
  try {
    response = await settings.transport.send(spec, attempt);
  } catch (error) {
    throw transportError(error, attempt, errorContext(deployment, settings.timeoutMs));
  }
  if (response.statusCode >= 200 && response.statusCode < 300) return response;
  let text = '';
  try {
    text = await response.body.text();
  } catch {
    // The status alone still classifies the failure.
  }
  throw chat.parseError(response.statusCode, text, response.headers, deployment.target);
}

function malformedBody(target: ProviderTarget): InternalServerError {
  return new InternalServerError(`${target.provider} (${target.deploymentId}) answered 200 with a body that is not JSON`, {
    status: 502,
    provider: target.provider,
    deploymentId: target.deploymentId,
  });
}

/** One non-streaming attempt against one deployment. */
export async function callChat(deployment: Deployment, request: ChatCompletionRequest, settings: AttemptSettings): Promise<ChatCompletion> {
  const attempt = new AttemptSignal(settings.timeoutMs, settings.signal, settings.deadlines);
  const { chat } = deployment.adapter;
  try {
    if (chat.kind === 'local') {
      return await chat.complete(request, deployment.target, { signal: attempt.signal, random: settings.random });
    }
    const response = await send(deployment, chat, request, settings, attempt);
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      throw transportError(error, attempt, errorContext(deployment, settings.timeoutMs));
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw malformedBody(deployment.target);
    }
    return chat.parseResponse(body, deployment.target);
  } catch (error) {
    throw attempt.cause && !(error instanceof RouterError) ? transportError(error, attempt, errorContext(deployment, settings.timeoutMs)) : error;
  } finally {
    attempt.dispose();
  }
}

async function* decodeHttpStream(response: HttpResponse, chat: HttpChatAdapter, deployment: Deployment): AsyncGenerator<ChatCompletionChunk> {
  const decoder = chat.createStreamDecoder(deployment.target);
  let finished = false;
  for await (const event of readServerSentEvents(response.body)) {
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

/** Socket errors, time-outs and aborts while reading a stream, in the error taxonomy. */
async function* withStreamErrorsMapped(
  source: AsyncIterable<ChatCompletionChunk>,
  deployment: Deployment,
  settings: AttemptSettings,
  attempt: AttemptSignal,
): AsyncGenerator<ChatCompletionChunk> {
  try {
    yield* source;
  } catch (error) {
    throw attempt.cause || !(error instanceof RouterError) ? transportError(error, attempt, errorContext(deployment, settings.timeoutMs)) : error;
  }
}

/** Opens one streaming attempt: resolves once the provider accepted it (headers in), with the chunks still to read. */
export async function openChatStream(deployment: Deployment, request: ChatCompletionRequest, settings: AttemptSettings): Promise<OpenStream> {
  const attempt = new AttemptSignal(settings.timeoutMs, settings.signal, settings.deadlines);
  const { chat } = deployment.adapter;
  try {
    const source =
      chat.kind === 'local'
        ? await chat.stream(request, deployment.target, { signal: attempt.signal, random: settings.random })
        : decodeHttpStream(await send(deployment, chat, request, settings, attempt), chat, deployment);
    attempt.stopTimer();
    return { chunks: withStreamErrorsMapped(source, deployment, settings, attempt), release: () => attempt.dispose() };
  } catch (error) {
    attempt.dispose();
    throw attempt.cause && !(error instanceof RouterError) ? transportError(error, attempt, errorContext(deployment, settings.timeoutMs)) : error;
  }
}
