import { BUILT_IN_PROVIDERS } from '../../providers/index.js';
import { ConfigError, type ConfigIssue } from '../errors/router-side-errors.js';
import type { ProviderAdapter } from '../provider-adapter.js';

const HTTP_FUNCTIONS = ['buildRequest', 'parseResponse', 'createStreamDecoder', 'parseError'] as const;
const LOCAL_FUNCTIONS = ['complete', 'stream'] as const;

function checkAdapter(name: string, adapter: unknown, issues: ConfigIssue[]): adapter is ProviderAdapter {
  const path = `providers.${name}`;
  const before = issues.length;
  const candidate = adapter as Partial<ProviderAdapter> | undefined;
  if (!candidate || typeof candidate !== 'object') {
    issues.push({ path, message: 'expected a provider adapter: { apiKeyRequired, chat: { kind, … } }' });
    return false;
  }
  if (typeof candidate.apiKeyRequired !== 'boolean') issues.push({ path: `${path}.apiKeyRequired`, message: 'expected true or false' });
  if (candidate.freeOfCharge !== undefined && typeof candidate.freeOfCharge !== 'boolean')
    issues.push({ path: `${path}.freeOfCharge`, message: 'expected true or false' });
  if (candidate.priceTableProvider !== undefined && typeof candidate.priceTableProvider !== 'string') {
    issues.push({ path: `${path}.priceTableProvider`, message: "expected the price table's provider id, such as 'openai'" });
  }
  if (candidate.preload !== undefined && typeof candidate.preload !== 'function') {
    issues.push({ path: `${path}.preload`, message: 'expected a function returning a promise (what the adapter loads ahead of its first call)' });
  }
  const chat = candidate.chat as Record<string, unknown> | undefined;
  const functions = chat?.kind === 'http' ? HTTP_FUNCTIONS : chat?.kind === 'local' ? LOCAL_FUNCTIONS : undefined;
  if (!functions) issues.push({ path: `${path}.chat.kind`, message: "expected 'http' (the router does the I/O) or 'local' (answers in-process)" });
  for (const fn of functions ?? []) {
    if (typeof chat?.[fn] !== 'function') issues.push({ path: `${path}.chat.${fn}`, message: 'expected a function' });
  }
  return issues.length === before;
}

/** The built-in providers plus the user's (`providers` option), which may also replace a built-in one by name. */
export function resolveProviders(custom: unknown): Map<string, ProviderAdapter> {
  const providers = new Map(BUILT_IN_PROVIDERS.map((p) => [p.name, p]));
  if (custom === undefined) return providers;
  if (!custom || typeof custom !== 'object' || Array.isArray(custom)) {
    throw new ConfigError([{ path: 'providers', message: 'expected { name: adapter }' }]);
  }
  const issues: ConfigIssue[] = [];
  for (const [name, adapter] of Object.entries(custom)) {
    if (checkAdapter(name, adapter, issues)) providers.set(name, { ...adapter, name });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return providers;
}
