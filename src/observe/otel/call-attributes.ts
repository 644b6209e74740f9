import type { Attributes } from '@opentelemetry/api';
import type { GenAiOperation } from './gen-ai-operation.js';
import { genAiProviderName } from './gen-ai-provider-name.js';
import type { ServerAddress } from './server-addresses.js';

/** What a call's span and its metrics share: operation, provider, requested model, server. */
export function callAttributes(operation: GenAiOperation, model: string, provider: string | undefined, server: ServerAddress | undefined): Attributes {
  const attributes: Attributes = { 'gen_ai.operation.name': operation, 'gen_ai.request.model': model };
  if (provider !== undefined) {
    const name = genAiProviderName(provider);
    attributes['gen_ai.provider.name'] = name;
    // The name before semantic conventions 1.37, still what many backends read.
    attributes['gen_ai.system'] = name;
  }
  if (server !== undefined) {
    attributes['server.address'] = server.address;
    attributes['server.port'] = server.port;
  }
  return attributes;
}
