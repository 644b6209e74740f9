import type { Clock } from './time/clock.js';
import type { ZodType } from 'zod';
import type { RouterError } from './errors/router-error.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from './types/chat.js';
import type { EmbeddingRequest, EmbeddingResponse } from './types/embedding.js';

/** What an adapter knows of the deployment it is calling. The API key is passed apart, never stored here. */
export interface ProviderTarget {
  deploymentId: string;
  provider: string;
  providerModel: string;
  /** Base URL with the API version path, no trailing slash; it may end in a query string (`?api_key=…`), so paths go before that. */
  baseUrl: string;
  apiKey: string | undefined;
  headers: Readonly<Record<string, string>> | undefined;
  params: Readonly<Record<string, unknown>> | undefined;
  /** The deployment's `maxOutputTokens`, for APIs that require a limit. */
  maxOutputTokens: number | undefined;
}

export interface HttpRequestSpec {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
}

export interface SseEvent {
  event?: string | undefined;
  data: string;
}

export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** Turns one server-sent event into chunks; `done` when the provider signalled the end. Throws a RouterError for an in-band error. */
export interface StreamDecoder {
  decode(event: SseEvent): { chunks: ChatCompletionChunk[]; done: boolean };
}

/** An adapter for a provider reached over HTTP: pure translation, the router does the I/O. */
export interface HttpChatAdapter {
  kind: 'http';
  buildRequest(request: ChatCompletionRequest, target: ProviderTarget): HttpRequestSpec;
  parseResponse(body: unknown, target: ProviderTarget): ChatCompletion;
  createStreamDecoder(target: ProviderTarget): StreamDecoder;
  parseError(status: number, bodyText: string, headers: ResponseHeaders, target: ProviderTarget): RouterError;
  /** Finishes a built request per call where that needs I/O or the whole request: a token from an identity provider, a SigV4 signature. */
  prepare?(spec: HttpRequestSpec, target: ProviderTarget): Promise<HttpRequestSpec>;
  /** How a streamed answer is framed: server-sent events (default) or AWS's binary event stream. */
  streamFraming?: 'sse' | 'aws-eventstream';
}

export interface LocalCallContext {
  signal: AbortSignal;
  /** The router's random source, so seeded routers give repeatable mock behaviour. */
  random: () => number;
  /** The router's clock: wait on it (not on global timers) so a router's fake clock drives your provider too. */
  clock: Clock;
}

/** An adapter that answers inside the process (the `mock` provider). */
export interface LocalChatAdapter {
  kind: 'local';
  complete(request: ChatCompletionRequest, target: ProviderTarget, context: LocalCallContext): Promise<ChatCompletion>;
  stream(request: ChatCompletionRequest, target: ProviderTarget, context: LocalCallContext): Promise<AsyncIterable<ChatCompletionChunk>>;
}

/** Embeddings over HTTP; failures go through the adapter's `chat.parseError`. */
export interface HttpEmbedAdapter {
  kind: 'http';
  buildRequest(request: EmbeddingRequest, target: ProviderTarget): HttpRequestSpec;
  parseResponse(body: unknown, request: EmbeddingRequest, target: ProviderTarget): EmbeddingResponse;
}

export interface LocalEmbedAdapter {
  kind: 'local';
  embed(request: EmbeddingRequest, target: ProviderTarget, context: LocalCallContext): Promise<EmbeddingResponse>;
}

export interface ProviderAdapter {
  name: string;
  /** Base URL used when a deployment gives none; absent means `baseUrl` is required. */
  defaultBaseUrl?: string;
  /** Base URL from a deployment's params and the environment when it gives none (a region). */
  defaultBaseUrlFor?: (params: Readonly<Record<string, unknown>> | undefined, env: NodeJS.ProcessEnv) => string;
  /**
   * The price table's id for this provider (`openai`, `anthropic`, `google`, `aws`,
   * `x-ai`…, as @pydantic/genai-prices names them). Absent: its models have no list
   * price, only what `pricing` or `router.setPrices` gives.
   */
  priceTableProvider?: string;
  /** Nothing is billed per token (the in-process mock, servers you run yourself): calls cost $0 unless `pricing` says otherwise. */
  freeOfCharge?: boolean;
  /** Environment variable read when a deployment has no `apiKey`. */
  apiKeyEnv?: string;
  /** Whether a deployment without any key is a configuration error. */
  apiKeyRequired: boolean;
  /** Whether a deployment's `params` carry credentials of their own (a token function), so no key is needed. */
  credentialsInParams?: (params: Readonly<Record<string, unknown>> | undefined) => boolean;
  /** Validates a deployment's `params` at construction. */
  paramsSchema?: ZodType;
  /** Loads ahead of the first call what the adapter would load on first use (packages it leaves out of startup); `router.warmup()` calls it. */
  preload?: () => Promise<void>;
  chat: HttpChatAdapter | LocalChatAdapter;
  /** Present for providers with embeddings. */
  embed?: HttpEmbedAdapter | LocalEmbedAdapter;
}
