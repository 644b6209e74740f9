import { childPath, type ConfigReport } from './config-report.js';
import type { ConfigDraft } from './config-draft.js';
import { checked, positiveInteger, text } from './config-values.js';
import { DeploymentDraft, DeploymentRank } from './deployment-draft.js';
import { applyEnvironmentDefaults, readLiteLLMParams } from './litellm-params.js';
import { readModelInfo } from './model-info.js';
import { checkPricing } from './pricing-fields.js';
import { modelTarget, PROVIDER_PREFIXES, unservedReason, type ModelTarget } from './provider-prefixes.js';
import { isMapping, readList, readMapping } from './read-mapping.js';

const EXAMPLE = '[{ model_name: gpt-4o, litellm_params: { model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY } }]';

/** The provider `litellm_params` names; a deployment with `mock_response` answers it in-process, as LiteLLM's does. */
function targetOf(params: Record<string, unknown>, path: string, report: ConfigReport): ModelTarget | undefined {
  const modelPath = childPath(path, 'model');
  const model = checked(text('expected provider/model, e.g. openai/gpt-4o'), params.model ?? undefined, modelPath, report);
  if (model === undefined) return undefined;
  const unserved = unservedReason(model);
  if (unserved) {
    report.error(modelPath, unserved);
    return undefined;
  }
  const apiBase = typeof params.api_base === 'string' ? params.api_base : undefined;
  const target = modelTarget(model, apiBase);
  if (params.mock_response === undefined || params.mock_response === null) return target;
  return { ...target, prefix: PROVIDER_PREFIXES.mock as ModelTarget['prefix'] };
}

function readEntry(entry: unknown, path: string, draft: ConfigDraft): void {
  const { report } = draft;
  if (!isMapping(entry)) {
    report.error(path, `expected a deployment such as ${EXAMPLE.slice(1, -1)}`);
    return;
  }
  const modelName = checked(
    text('expected the model group name callers ask for, e.g. gpt-4o'),
    entry.model_name ?? undefined,
    childPath(path, 'model_name'),
    report,
  );
  const paramsPath = childPath(path, 'litellm_params');
  if (!isMapping(entry.litellm_params)) {
    report.error(
      paramsPath,
      entry.litellm_params == null ? 'is required: { model: provider/model, … }' : 'expected a mapping such as { model: openai/gpt-4o }',
    );
    return;
  }
  const target = targetOf(entry.litellm_params, paramsPath, report);
  if (modelName === undefined || target === undefined) return;
  const deployment = new DeploymentDraft(path, modelName, target, report);
  readMapping(
    entry,
    path,
    report,
    {
      model_name: () => undefined,
      litellm_params: (params, at) => readLiteLLMParams(params, at, deployment, report),
      model_info: (info, at) => readModelInfo(info, at, deployment, report),
      rpm: (rpm, at) => {
        const read = checked(positiveInteger(), rpm, at, report);
        if (read !== undefined) deployment.set('rpm', read, at, DeploymentRank.entry);
      },
      tpm: (tpm, at) => {
        const read = checked(positiveInteger(), tpm, at, report);
        if (read !== undefined) deployment.set('tpm', read, at, DeploymentRank.entry);
      },
    },
    EXAMPLE,
  );
  const mockResponse = entry.litellm_params.mock_response;
  if (mockResponse !== undefined && mockResponse !== null) {
    const content = checked(text('expected the answer’s text'), mockResponse, childPath(paramsPath, 'mock_response'), report);
    if (content !== undefined) deployment.param('content', content, childPath(paramsPath, 'mock_response'), DeploymentRank.litellmParams);
  }
  checkPricing(deployment, report);
  if (!deployment.skipped) applyEnvironmentDefaults(deployment, draft.env, paramsPath, report);
  draft.deployments.push(deployment);
}

/** `model_list`: one deployment per entry (at least one). */
export function readModelList(value: unknown, draft: ConfigDraft): void {
  if (value === undefined || value === null) {
    draft.report.error('model_list', `is required: list the deployments, e.g. ${EXAMPLE}`);
    return;
  }
  if (!readList(value, 'model_list', draft.report, (entry, path) => readEntry(entry, path, draft), EXAMPLE)) return;
  if ((value as unknown[]).length === 0) draft.report.error('model_list', `expected at least one deployment, e.g. ${EXAMPLE}`);
}
