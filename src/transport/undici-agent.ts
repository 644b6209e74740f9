import { createRequire } from 'node:module';
import type { Agent, Dispatcher } from 'undici';

type AgentClass = typeof Agent;
type RequestFunction = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

/** The two parts of undici a router uses: its keep-alive Agent, and `request`, which undici's index adds to every dispatcher. */
export interface Undici {
  Agent: AgentClass;
  request: RequestFunction;
}

let undici: Undici | undefined;

/**
 * undici's Agent and `request`, required from their own files on first use. undici's index
 * also loads fetch, WebSocket, EventSource, caches, cookies and mocks: three times the load
 * time of these two, for parts a router never uses.
 */
export function loadUndici(): Undici {
  if (!undici) {
    const require = createRequire(import.meta.url);
    undici = { Agent: require('undici/lib/dispatcher/agent.js') as AgentClass, request: require('undici/lib/api/api-request.js') as RequestFunction };
  }
  return undici;
}
