import type { Attributes } from '@opentelemetry/api';
import type { GenAiOperation } from './gen-ai-operation.js';
import { genAiProviderName } from './gen-ai-provider-name.js';
import type { ServerAddress } from './server-addresses.js';

/** The attribute sets one kind of finished call records its metrics under. */
export interface MetricAttributeSet {
  readonly call: Attributes;
  readonly input: Attributes;
  readonly output: Attributes;
}

/** Past this many kinds of calls (models × deployments × errors), the sets start over. */
const MAX_SETS = 10_000;

/**
 * Attribute sets made once per kind of call and reused: copying an attribute object per
 * record costs more than the metrics SDK's own work on it. `gen_ai.system` is left to the
 * spans: the metrics carry only its successor, `gen_ai.provider.name`.
 */
export class MetricAttributeSets {
  readonly #sets = new Map<string, MetricAttributeSet>();

  of(
    operation: GenAiOperation,
    model: string,
    provider: string | undefined,
    server: ServerAddress | undefined,
    responseModel: string | undefined,
    errorType: string | undefined,
  ): MetricAttributeSet {
    const key = `${operation}\u0000${model}\u0000${provider}\u0000${server?.address}\u0000${server?.port}\u0000${responseModel}\u0000${errorType}`;
    let set = this.#sets.get(key);
    if (set === undefined) {
      if (this.#sets.size >= MAX_SETS) this.#sets.clear();
      const call: Attributes = { 'gen_ai.operation.name': operation, 'gen_ai.request.model': model };
      if (provider !== undefined) call['gen_ai.provider.name'] = genAiProviderName(provider);
      if (server !== undefined) {
        call['server.address'] = server.address;
        call['server.port'] = server.port;
      }
      if (responseModel !== undefined) call['gen_ai.response.model'] = responseModel;
      if (errorType !== undefined) call['error.type'] = errorType;
      set = Object.freeze({
        call: Object.freeze(call),
        input: Object.freeze({ ...call, 'gen_ai.token.type': 'input' }),
        output: Object.freeze({ ...call, 'gen_ai.token.type': 'output' }),
      });
      this.#sets.set(key, set);
    }
    return set;
  }
}
