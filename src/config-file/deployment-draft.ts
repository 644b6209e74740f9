import type { DeploymentConfig, DeploymentPricing } from '../deployments/deployment-config.js';
import type { ConfigReport } from './config-report.js';
import type { ModelTarget } from './provider-prefixes.js';
import { SettingSlots } from './setting-slots.js';

/** Where a deployment's setting may be written, most authoritative first (LiteLLM copies an entry's `rpm` into `litellm_params`). */
export const DeploymentRank = { litellmParams: 0, modelInfo: 1, entry: 2 } as const;

/** Providers whose adapters take OpenAI's request body, so default request fields can go in `params`. */
const NOT_OPENAI_SHAPED = new Set(['anthropic', 'gemini', 'bedrock', 'cohere', 'mock']);

type PricingField = keyof Omit<DeploymentPricing, 'tiers'>;

/** One `model_list` entry as it is read: its settings with where each came from, so a problem the router finds names the file's key. */
export class DeploymentDraft {
  readonly slots: SettingSlots;
  /** Set when the entry is left out (a mode switchyard does not serve). */
  skipped = false;

  constructor(
    /** `model_list[2]`. */
    readonly path: string,
    readonly modelName: string,
    readonly target: ModelTarget,
    report: ConfigReport,
  ) {
    this.slots = new SettingSlots(report);
  }

  get provider(): string {
    return this.target.prefix.provider;
  }

  get openAIShaped(): boolean {
    return !NOT_OPENAI_SHAPED.has(this.provider);
  }

  set(field: keyof DeploymentConfig | 'streamTimeoutMs', value: unknown, path: string, rank: number): void {
    this.slots.offer(field, undefined, value, path, rank);
  }

  param(name: string, value: unknown, path: string, rank: number): void {
    this.slots.offer('params', name, value, path, rank);
  }

  header(name: string, value: string, path: string, rank: number): void {
    this.slots.offer('headers', name, value, path, rank);
  }

  price(field: PricingField, value: number, path: string, rank: number): void {
    this.slots.offer('pricing', field, value, path, rank);
  }

  has(field: keyof DeploymentConfig): boolean {
    return this.slots.get(field) !== undefined;
  }

  hasParam(name: string): boolean {
    return this.slots.parts('params').some(([param]) => param === name);
  }

  value<T>(field: keyof DeploymentConfig | 'streamTimeoutMs'): T | undefined {
    return this.slots.get<T>(field)?.value;
  }
}
