import type { ConfigDraft } from './config-draft.js';
import { boolean, checked, nonNegativeNumber, positiveInteger, seconds, text } from './config-values.js';
import { readMapping } from './read-mapping.js';
import { settingReader } from './reliability-readers.js';
import { Rank } from './setting-slots.js';
import type * as z from 'zod';

const RANK = Rank.generalSettings;

const MEBIBYTE = 1024 * 1024;

/**
 * `general_settings`: the gateway's. LiteLLM's `master_key`, `database_url`,
 * `max_request_size_mb`, `proxy_batch_write_at` (seconds a spend row waits), the global
 * limits (`global_max_parallel_requests`, `global_max_rpm`, `global_max_tpm`), and
 * switchyard's own gateway options in snake case: `max_body_bytes`, `metrics`, `metrics_open`,
 * `base_path`, `table_prefix`, `key_refresh_ms`, `spend_log_flush_ms`.
 */
export function readGeneralSettings(value: unknown, draft: ConfigDraft): void {
  const setting = <T>(name: string, schema: z.ZodType<T>, as?: (value: T) => unknown) => settingReader(draft, name, schema, RANK, as);
  const global: { rpm?: number; tpm?: number; path?: string } = {};
  const globalLimit = (field: 'rpm' | 'tpm') => (limit: unknown, at: string) => {
    global[field] = checked(positiveInteger(), limit, at, draft.report);
    global.path ??= at;
  };
  const read = readMapping(
    value,
    'general_settings',
    draft.report,
    {
      master_key: setting('gateway.masterKey', text('expected the master key as a string, e.g. os.environ/LITELLM_MASTER_KEY')),
      database_url: setting('gateway.database', text('expected a database URL such as postgresql://user:pass@host:5432/db or sqlite:./switchyard.db')),
      max_request_size_mb: setting(
        'gateway.maxBodyBytes',
        nonNegativeNumber().refine((mb) => mb > 0, { error: 'expected a number of MB above 0' }),
        (mb) => Math.max(1, Math.round(mb * MEBIBYTE)),
      ),
      max_body_bytes: setting('gateway.maxBodyBytes', positiveInteger()),
      proxy_batch_write_at: setting('gateway.spendLogFlushMs', seconds('10')),
      spend_log_flush_ms: setting('gateway.spendLogFlushMs', positiveInteger()),
      key_refresh_ms: setting('gateway.keyRefreshMs', positiveInteger()),
      table_prefix: setting('gateway.tablePrefix', text('expected a table name prefix such as switchyard_')),
      base_path: setting(
        'gateway.basePath',
        text("expected a path such as '/api/llm'").refine((path) => /^\/[^?#]*[^/?#]$/.test(path), {
          error: "expected a path that starts with '/' and does not end with one, e.g. '/api/llm'",
        }),
      ),
      metrics: setting('gateway.metrics', boolean()),
      metrics_open: setting('gateway.metricsOpen', boolean()),
      require_auth_for_metrics_endpoint: setting('gateway.metricsOpen', boolean(), (required) => !required),
      global_max_parallel_requests: setting('gateway.maxParallelRequests', positiveInteger()),
      global_max_rpm: globalLimit('rpm'),
      global_max_tpm: globalLimit('tpm'),
    },
    '{ master_key: os.environ/LITELLM_MASTER_KEY, database_url: os.environ/DATABASE_URL }',
  );
  if (!read || global.path === undefined || (global.rpm === undefined && global.tpm === undefined)) return;
  const { rpm, tpm } = global;
  draft.limits.push({ value: { scope: 'global', ...(rpm === undefined ? {} : { rpm }), ...(tpm === undefined ? {} : { tpm }) }, path: global.path });
}
