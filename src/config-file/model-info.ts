import { shortened } from '../config/describe-value.js';
import type { ConfigReport } from './config-report.js';
import { checked, positiveInteger, text } from './config-values.js';
import { DeploymentRank, type DeploymentDraft } from './deployment-draft.js';
import { priceReaders } from './pricing-fields.js';
import { PROVIDER_PREFIXES } from './provider-prefixes.js';
import { isMapping, readMapping } from './read-mapping.js';

const RANK = DeploymentRank.modelInfo;

/** What a deployment serves: chat completions and embeddings (every deployment takes both). */
const SERVED_MODES = new Set(['chat', 'embedding']);

/** LiteLLM writes `base_model: azure/gpt-4o`; the price table knows `gpt-4o`. */
function withoutPrefix(model: string): string {
  const slash = model.indexOf('/');
  return slash !== -1 && Object.hasOwn(PROVIDER_PREFIXES, model.slice(0, slash)) ? model.slice(slash + 1) : model;
}

/**
 * `model_info`: the deployment's `id`, `base_model` (whose list price applies), context and
 * output limits, `mode` and prices. LiteLLM's `supports_*` flags describe the model; switchyard
 * does not need them and reads past them.
 */
export function readModelInfo(value: unknown, path: string, draft: DeploymentDraft, report: ConfigReport): void {
  const described = isMapping(value) ? Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('supports_'))) : value;
  readMapping(
    described,
    path,
    report,
    {
      id: (id, at) => {
        const read = checked(text('expected the deployment id as a string'), id, at, report);
        if (read !== undefined) draft.set('id', read, at, RANK);
      },
      base_model: (model, at) => {
        const read = checked(text('expected a model name such as gpt-4o'), model, at, report);
        if (read !== undefined) draft.set('baseModel', withoutPrefix(read), at, RANK);
      },
      max_input_tokens: (tokens, at) => {
        const read = checked(positiveInteger(), tokens, at, report);
        if (read !== undefined) draft.set('maxInputTokens', read, at, RANK);
      },
      max_output_tokens: (tokens, at) => {
        const read = checked(positiveInteger(), tokens, at, report);
        if (read !== undefined) draft.set('maxOutputTokens', read, at, RANK);
      },
      max_tokens: (_tokens, at) => report.warn(at, 'not used: LiteLLM uses it for either limit; write max_input_tokens or max_output_tokens'),
      mode: (mode, at) => {
        const read = checked(text('expected a mode such as chat or embedding'), mode, at, report);
        if (read === undefined || SERVED_MODES.has(read)) return;
        draft.skipped = true;
        report.warn(at, `mode '${shortened(read)}' is not served by switchyard (chat and embedding are): this deployment is left out`);
      },
      ...priceReaders(draft, report, RANK),
    },
    '{ id: my-deployment, base_model: gpt-4o, max_input_tokens: 128000 }',
  );
}
