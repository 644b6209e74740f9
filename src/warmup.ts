import type { Deployment } from './deployments/deployment.js';
import type { ProviderAdapter } from './provider-adapter.js';
import { encodingsToCount } from './tokens/prompt-tokens.js';
import { loadEncodings } from './tokens/encoders.js';
import { loadAwsEventStreamCodec } from './transport/aws-event-stream.js';
import type { HttpTransport } from './transport/http-transport.js';

const talksHttp = (adapter: ProviderAdapter) => adapter.chat.kind === 'http' || adapter.embed?.kind === 'http';
const streamsAwsEvents = (adapter: ProviderAdapter) => adapter.chat.kind === 'http' && adapter.chat.streamFraming === 'aws-eventstream';

/**
 * Loads what calls to these deployments would load on first use: undici when one talks HTTP,
 * the tokenizer's encodings when calls count tokens, AWS's event-stream codec for Bedrock
 * streams, and what each adapter loads lazily (its `preload`).
 */
export async function warmup(deployments: readonly Deployment[], callersCountTokens: boolean, transport: HttpTransport): Promise<void> {
  const adapters = [...new Set(deployments.map((d) => d.adapter))];
  if (adapters.some(talksHttp)) transport.warmup();
  await Promise.all([
    loadEncodings(encodingsToCount(deployments, callersCountTokens)),
    adapters.some(streamsAwsEvents) ? loadAwsEventStreamCodec() : undefined,
    ...adapters.map((adapter) => adapter.preload?.()),
  ]);
}
