import { Agent, type Dispatcher } from 'undici';
import type { HttpRequestSpec, ResponseHeaders } from '../provider-adapter.js';

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  body: Dispatcher.ResponseData['body'];
}

export interface TransportOptions {
  /** Idle keep-alive sockets are closed after this long. */
  keepAliveTimeoutMs?: number;
  /** Most sockets per origin; unlimited by default. */
  connectionsPerOrigin?: number;
}

/**
 * The one HTTP client of a router: an undici agent holding a keep-alive pool per origin.
 * Each router owns its own, so two routers never share sockets or state.
 */
export class HttpTransport {
  private readonly agent: Agent;

  constructor(options: TransportOptions = {}) {
    this.agent = new Agent({
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      connections: options.connectionsPerOrigin ?? null,
    });
  }

  /** Resolves once the response headers arrive; the body is left for the caller to read or dispose. */
  async send(spec: HttpRequestSpec, signal: AbortSignal): Promise<HttpResponse> {
    const url = new URL(spec.url);
    const response = await this.agent.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: spec.method,
      headers: spec.headers,
      body: spec.body,
      signal,
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
