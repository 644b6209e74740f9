import type { ConfigReport } from './config-report.js';

/** Where a setting came from, most authoritative first: LiteLLM's Router arguments beat its module settings, which beat the tutorial keys. */
export const Rank = { routerSettings: 0, litellmSettings: 1, generalSettings: 1, tutorial: 2 } as const;

export interface Offered<T = unknown> {
  value: T;
  /** Where in the file it is. */
  path: string;
  rank: number;
}

/**
 * Settings several places of a file may give (`router_settings.num_retries` and
 * `litellm_settings.num_retries`): the best-ranked one is used, and one it overrides with
 * another value is a warning naming both paths.
 */
export class SettingSlots {
  readonly #slots = new Map<string, Offered>();

  constructor(private readonly report: ConfigReport) {}

  /** `name` is the setting, `part` one entry of a setting keyed by name (a model's fallbacks). */
  offer(name: string, part: string | undefined, value: unknown, path: string, rank: number): void {
    const key = part === undefined ? name : `${name}\u0000${part}`;
    const held = this.#slots.get(key);
    if (held === undefined || rank < held.rank) {
      if (held && !sameValue(held.value, value)) this.report.warn(held.path, `overridden by ${path}`);
      this.#slots.set(key, { value, path, rank });
    } else if (!sameValue(held.value, value)) this.report.warn(path, `overridden by ${held.path}`);
  }

  get<T>(name: string): Offered<T> | undefined {
    return this.#slots.get(name) as Offered<T> | undefined;
  }

  /** Every entry of a keyed setting: `{ part: offered }`. */
  parts<T>(name: string): Array<[string, Offered<T>]> {
    const prefix = `${name}\u0000`;
    return [...this.#slots].filter(([key]) => key.startsWith(prefix)).map(([key, offered]) => [key.slice(prefix.length), offered as Offered<T>]);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
