import type { ConfigDraft } from './config-draft.js';
import { budgetPeriodSchema } from './budget-period.js';
import { readCacheParams } from './cache-params.js';
import { readCallbacks } from './callbacks.js';
import { boolean, checked, nonNegativeNumber } from './config-values.js';
import { readMapping } from './read-mapping.js';
import { reliabilityReaders, settingReader, timeoutReader } from './reliability-readers.js';
import { Rank } from './setting-slots.js';

const RANK = Rank.litellmSettings;

/**
 * `litellm_settings`: retries, `request_timeout`, fallbacks, the response cache (`cache: true`
 * with `cache_params`), callbacks (`prometheus`, `otel`), `json_logs`, the proxy-wide budget
 * (`max_budget`, `budget_duration`) and `require_auth_for_metrics_endpoint`. `drop_params` is
 * what switchyard's adapters always do: each provider gets only what it takes.
 */
export function readLiteLLMSettings(value: unknown, draft: ConfigDraft): void {
  const path = 'litellm_settings';
  let cacheOn: { on: boolean; path: string } | undefined;
  let cacheParams: { value: unknown; path: string } | undefined;
  let budget: { maxUsd?: number; period?: string; path?: string; periodPath?: string } = {};
  const read = readMapping(
    value,
    path,
    draft.report,
    {
      ...reliabilityReaders(draft, RANK),
      request_timeout: timeoutReader(draft, RANK),
      cache: (flag, at) => {
        const on = checked(boolean(), flag, at, draft.report);
        if (on !== undefined) cacheOn = { on, path: at };
      },
      cache_params: (params, at) => void (cacheParams = { value: params, path: at }),
      callbacks: (names, at) => readCallbacks(names, at, draft),
      success_callback: (names, at) => readCallbacks(names, at, draft),
      failure_callback: (names, at) => readCallbacks(names, at, draft),
      drop_params: (flag, at) => void checked(boolean(), flag, at, draft.report),
      json_logs: (flag, at) => {
        const on = checked(boolean(), flag, at, draft.report);
        if (on !== undefined) draft.observability.jsonLogs = on;
      },
      max_budget: (usd, at) => {
        budget = { ...budget, maxUsd: checked(nonNegativeNumber('expected an amount in USD of 0 or more'), usd, at, draft.report), path: at };
      },
      budget_duration: (duration, at) => {
        budget = { ...budget, period: checked(budgetPeriodSchema(), duration, at, draft.report), periodPath: at };
      },
      require_auth_for_metrics_endpoint: settingReader(draft, 'gateway.metricsOpen', boolean(), RANK, (required) => !required),
    },
    '{ num_retries: 3, request_timeout: 600 }',
  );
  if (!read) return;
  if (budget.periodPath && budget.path === undefined) draft.report.warn(budget.periodPath, 'not used without max_budget');
  if (budget.maxUsd !== undefined) {
    draft.budgets.push({ value: { scope: 'global', maxUsd: budget.maxUsd, ...(budget.period ? { period: budget.period } : {}) }, path: budget.path as string });
  }
  if (cacheParams && !cacheOn?.on) draft.report.warn(cacheParams.path, 'not used without cache: true');
  if (!cacheOn?.on) return;
  const cache = readCacheParams(cacheParams?.value ?? {}, cacheParams?.path ?? cacheOn.path, draft.report, draft.env, { tutorial: false });
  if (cache) draft.settings.offer('cache', undefined, cache, cacheOn.path, RANK);
}
