import type { CacheOptions } from '../cache/cache-options.js';
import type { BudgetConfig, LimitConfig } from '../spend/spend-config.js';
import type { ConfigReport } from './config-report.js';
import type { DeploymentDraft } from './deployment-draft.js';
import type { Environment } from './environment.js';
import type { ConfigKey, ConfigUser, ObservabilitySettings, RedisConnection } from './loaded-config.js';
import { SettingSlots } from './setting-slots.js';

/** A response cache a section asks for: the router's `cache` option, where each of its fields came from, and its Redis if any. */
export interface CacheDraft {
  options: CacheOptions;
  redis?: RedisConnection;
  /** The section (`litellm_settings.cache_params`). */
  path: string;
  /** A `cache` option path (`cache.semantic.threshold`) → where the file sets it. */
  origins: Record<string, string>;
}

/** A rule read from the file, with where it is. */
export interface Placed<T> {
  value: T;
  path: string;
}

/** What the sections have read so far: every setting with where it came from, for the router's own checks to name the file's keys. */
export class ConfigDraft {
  readonly deployments: DeploymentDraft[] = [];
  /** Router, gateway and store settings by name (`timeoutMs`, `gateway.database`, `stateRedis`, `cache`), ranked by section. */
  readonly settings: SettingSlots;
  readonly budgets: Placed<BudgetConfig>[] = [];
  readonly limits: Placed<LimitConfig>[] = [];
  readonly users: Placed<ConfigUser>[] = [];
  readonly keys: Placed<ConfigKey>[] = [];
  readonly observability: ObservabilitySettings = { prometheus: false, otel: false, jsonLogs: false };

  constructor(
    readonly report: ConfigReport,
    /** The environment the file is read with (the process's, then `environment_variables`). */
    readonly env: Environment,
  ) {
    this.settings = new SettingSlots(report);
  }

  /** The model groups the deployments serve (those left out for their mode excluded). */
  modelNames(): Set<string> {
    return new Set(this.deployments.filter((d) => !d.skipped).map((d) => d.modelName));
  }
}
