import type { ProviderTarget } from '../provider-adapter.js';
import { InternalServerError } from './api-errors.js';

/** A provider answer the adapter cannot read (no content, not JSON, a broken stream event): a retryable 502, as a bad gateway would be. */
export function malformedAnswer(target: ProviderTarget, detail: string): InternalServerError {
  return new InternalServerError(`${target.provider} (${target.deploymentId}) ${detail}`, {
    status: 502,
    provider: target.provider,
    deploymentId: target.deploymentId,
  });
}
