import type { Deployment } from './deployments/deployment.js';
import type { RouterRuntime } from './pipeline/router-runtime.js';
import type { ProviderAdapter } from './provider-adapter.js';
import { encodingsToCount } from './tokens/prompt-tokens.js';
import { loadEncodings } from './tokens/encoders.js';
import { loadAwsEventStreamCodec } from './transport/aws-event-stream.js';

const talksHttp = (adapter: ProviderAdapter) => adapter.chat.kind === 'http' || adapter.embed?.kind === 'http';
const streamsAwsEvents = (adapter: ProviderAdapter) => adapter.chat.kind === 'http' && adapter.chat.streamFraming === 'aws-eventstream';

/**
 * Loads what calls to these deployments would load on first use: undici when one talks HTTP,
 * the price table (each deployment's prices are looked up), the tokenizer's encodings when
 * calls count tokens, AWS's event-stream codec for Bedrock streams, and what each adapter
 * loads lazily (its `preload`).
 */
export async function warmup(deployments: readonly Deployment[], callersCountTokens: boolean, runtime: RouterRuntime): Promise<void> {
  const adapters = [...new Set(deployments.map((d) => d.adapter))];
  if (adapters.some(talksHttp)) runtime.transport.warmup();
  for (const deployment of deployments) runtime.spending.prices.pricingAt(deployment, runtime.now());
  await Promise.all([
    loadEncodings(encodingsToCount(deployments, callersCountTokens)),
    adapters.some(streamsAwsEvents) ? loadAwsEventStreamCodec() : undefined,
    ...adapters.map((adapter) => adapter.preload?.()),
  ]);
}
