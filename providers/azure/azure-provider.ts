import * as z from 'zod';
import type { ProviderAdapter, ProviderTarget } from '../../src/provider-adapter.js';
import { openAIChatAdapter } from '../openai/openai-provider.js';
import { openAIEmbedAdapter } from '../openai/openai-embeddings.js';
import { endpointUrl } from '../shared/endpoint-url.js';

/** The latest generally available data-plane API version. */
export const AZURE_API_VERSION = '2024-10-21';

/** A function returning a bearer token (Entra ID), called for every request; cache inside it as your identity library does. */
export type AzureTokenProvider = () => Promise<string>;

const isFunction = (value: unknown) => typeof value === 'function';

const azureParamsSchema = z.lazy(() =>
  z.looseObject({
    apiVersion: z.string({ error: 'expected an api-version such as 2024-10-21' }).optional(),
    tokenProvider: z.custom<AzureTokenProvider>(isFunction, { error: 'expected an async function returning a bearer token' }).optional(),
  }),
);

function tokenProviderOf(target: ProviderTarget): AzureTokenProvider | undefined {
  const provider = target.params?.tokenProvider;
  return isFunction(provider) ? (provider as AzureTokenProvider) : undefined;
}

/**
 * Where a deployment's calls go. A base URL ending in `/openai/v1` is the v1 API
 * (OpenAI's paths, no api-version); any other is the resource endpoint
 * (`https://<resource>.openai.azure.com`) with the Azure deployment name in the path.
 */
function azureUrl(target: ProviderTarget, operation: 'chat/completions' | 'embeddings'): string {
  if (/\/openai\/v1(\?|$)/.test(target.baseUrl)) return endpointUrl(target.baseUrl, `/${operation}`);
  const apiVersion = typeof target.params?.apiVersion === 'string' ? target.params.apiVersion : AZURE_API_VERSION;
  return endpointUrl(
    target.baseUrl,
    `/openai/deployments/${encodeURIComponent(target.providerModel)}/${operation}?api-version=${encodeURIComponent(apiVersion)}`,
  );
}

const azureOptions = {
  streamUsage: true,
  url: (target: ProviderTarget) => azureUrl(target, 'chat/completions'),
  embeddingsUrl: (target: ProviderTarget) => azureUrl(target, 'embeddings'),
  keyHeader: (apiKey: string) => ({ 'api-key': apiKey }),
  adapterParams: ['apiVersion', 'tokenProvider'],
};
// Azure forwards to OpenAI's models, which take no unknown field on messages: reasoning sent back in the history is left out.
const azureChat = openAIChatAdapter({ ...azureOptions, dropReasoningFromHistory: true });

/**
 * Azure OpenAI: OpenAI's wire format at Azure's paths, an `api-key` header or a bearer
 * token from `params.tokenProvider`. Content-filter answers map to ContentPolicyViolationError.
 */
export const azureProvider: ProviderAdapter = {
  name: 'azure',
  priceTableProvider: 'azure',
  apiKeyEnv: 'AZURE_OPENAI_API_KEY',
  apiKeyRequired: true,
  credentialsInParams: (params) => isFunction(params?.tokenProvider),
  paramsSchema: azureParamsSchema,
  embed: openAIEmbedAdapter(azureOptions),
  chat: {
    ...azureChat,
    async prepare(spec, target) {
      const tokenProvider = tokenProviderOf(target);
      return tokenProvider ? { ...spec, headers: { ...spec.headers, authorization: `Bearer ${await tokenProvider()}` } } : spec;
    },
  },
};
