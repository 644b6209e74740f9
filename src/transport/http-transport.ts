import type { Agent, Dispatcher } from 'undici';
import type { HttpRequestSpec } from '../provider-adapter.js';
import { loadUndici, type Undici } from './undici-agent.js';

/** What undici accepts as a request's abort signal besides an AbortSignal: an emitter of `abort`. */
export interface AbortSource {
  readonly aborted: boolean;
  readonly reason: unknown;
  once(event: 'abort', listener: () => void): unknown;
  removeListener(event: 'abort', listener: () => void): unknown;
}

interface ParsedUrl {
  origin: string;
  path: string;
}

/** Adapters build the same few URLs over and over; parse each once. Bounded by the deployments' endpoints. */
const MAX_CACHED_URLS = 10_000;

export type HttpResponse = Dispatcher.ResponseData;

export interface TransportOptions {
  /** Idle keep-alive sockets are closed after this long. */
  keepAliveTimeoutMs?: number;
  /** Most sockets per origin; unlimited by default. */
  connectionsPerOrigin?: number;
}

/**
 * The one HTTP client of a router: an undici agent holding a keep-alive pool per origin.
 * Each router owns its own, so two routers never share sockets or state. undici is loaded
 * with the first request (or `warmup`), so a router whose adapters all answer in-process never loads it.
 */
export class HttpTransport {
  private undici: Undici | undefined;
  private agent: Agent | undefined;
  private readonly parsedUrls = new Map<string, ParsedUrl>();

  constructor(private readonly options: TransportOptions = {}) {}

  /** Loads undici and opens the pool, ahead of the first request. */
  warmup(): void {
    this.undici ??= loadUndici();
    this.agent ??= new this.undici.Agent({
      keepAliveTimeout: this.options.keepAliveTimeoutMs ?? 30_000,
      connections: this.options.connectionsPerOrigin ?? null,
    });
  }

  /** Resolves once the response headers arrive; the body is left for the caller to read or dispose. */
  send(spec: HttpRequestSpec, signal: AbortSource): Promise<HttpResponse> {
    if (!this.agent) this.warmup();
    const url = this.parse(spec.url);
    return (this.undici as Undici).request.call(this.agent as Agent, {
      origin: url.origin,
      path: url.path,
      method: spec.method,
      headers: spec.headers,
      body: spec.body,
      signal: signal as unknown as Dispatcher.RequestOptions['signal'],
    });
  }

  private parse(url: string): ParsedUrl {
    let parsed = this.parsedUrls.get(url);
    if (!parsed) {
      const { origin, pathname, search } = new URL(url);
      parsed = { origin, path: pathname + search };
      if (this.parsedUrls.size >= MAX_CACHED_URLS) this.parsedUrls.clear();
      this.parsedUrls.set(url, parsed);
    }
    return parsed;
  }

  async close(): Promise<void> {
    await this.agent?.close();
  }
}
