import * as z from 'zod';
import type { ConfigKey, LoadedConfig } from '../../config-file/loaded-config.js';
import { keyFields } from '../../server/admin/record-fields.js';
import { modelNames, servesModel } from '../cli-config.js';
import { usageError } from '../cli-errors.js';
import { amountFlag, integerFlag, textFlag, type CommandLine, type FlagSpecs } from '../flags.js';
import type { KeyInput } from './key-records.js';

/** `keys create`'s flags for the key's fields; LiteLLM's field names are accepted as spellings too. */
export const KEY_FIELD_FLAGS: FlagSpecs = {
  user: { type: 'string', aliases: ['user_id'], value: 'USER', help: "the key's user: the user's budget, limits and models apply too" },
  team: { type: 'string', aliases: ['team_id'], value: 'TEAM', help: "the key's team (made, with no budget, when the database has none)" },
  models: { type: 'string', value: 'a,b', help: 'model groups the key may call, comma-separated (default: every one)' },
  budget: { type: 'string', aliases: ['max_budget'], value: 'USD', help: 'most the key may spend, in USD' },
  'budget-duration': { type: 'string', aliases: ['budget_duration'], value: '30d', help: 'when the budget starts again: 1h, 1d, 7d, 30d, 1mo' },
  rpm: { type: 'string', aliases: ['rpm_limit'], value: 'N', help: 'requests per minute' },
  tpm: { type: 'string', aliases: ['tpm_limit'], value: 'N', help: 'tokens per minute' },
  'max-parallel': { type: 'string', aliases: ['max_parallel_requests'], value: 'N', help: 'calls at once, per gateway process' },
  alias: { type: 'string', aliases: ['key_alias'], value: 'NAME', help: "a name for the key, unique (key_settings' entry of that alias gives defaults)" },
  duration: { type: 'string', value: '30d', help: 'how long the key works: 12h, 30d, 1mo (default: no expiry)' },
};

/** Which flag sets each field, for messages. */
const FLAG_OF: Readonly<Record<string, string>> = {
  user_id: 'user',
  team_id: 'team',
  models: 'models',
  max_budget: 'budget',
  budget_duration: 'budget-duration',
  rpm_limit: 'rpm',
  tpm_limit: 'tpm',
  max_parallel_requests: 'max-parallel',
  key_alias: 'alias',
  duration: 'duration',
};

const keyInputSchema = z.strictObject(keyFields);

function fromFlags(command: string, flags: CommandLine['flags']): KeyInput {
  const whole = (flag: string) => integerFlag(command, flag, flags[flag], 1);
  const input: Record<string, unknown> = {
    user_id: textFlag(flags.user),
    team_id: textFlag(flags.team),
    models: textFlag(flags.models)
      ?.split(',')
      .map((model) => model.trim())
      .filter((model) => model !== ''),
    max_budget: amountFlag(command, 'budget', flags.budget),
    budget_duration: textFlag(flags['budget-duration']),
    rpm_limit: whole('rpm'),
    tpm_limit: whole('tpm'),
    max_parallel_requests: whole('max-parallel'),
    key_alias: textFlag(flags.alias),
    duration: textFlag(flags.duration),
  };
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as KeyInput;
}

/** The file's `key_settings` entry of this alias, when it leaves the key to be made (one with a fixed `key` is made by `serve`). */
function fileDefaults(config: LoadedConfig | undefined, alias: string | undefined): KeyInput {
  const entry = alias === undefined ? undefined : config?.keys.find((key) => key.key_alias === alias && key.key === undefined);
  if (entry === undefined) return {};
  const { key: _key, ...fields }: ConfigKey = entry;
  return fields;
}

/** The new key's fields: the file's defaults for its alias, the flags over them, checked by the admin routes' rules. */
export function keyCreateInput(command: string, flags: CommandLine['flags'], config: LoadedConfig | undefined): KeyInput {
  const given = fromFlags(command, flags);
  const parsed = keyInputSchema.safeParse({ ...fileDefaults(config, given.key_alias ?? undefined), ...given });
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const field = String(issue.path[0]);
    throw usageError(command, `--${FLAG_OF[field] ?? field}: ${issue.message}`);
  }
  const unknown = config && parsed.data.models?.find((model) => !servesModel(config, model));
  if (config && unknown !== undefined) {
    throw usageError(command, `--models: no model group '${unknown}' in the config; it has: ${modelNames(config).join(', ')}`);
  }
  return parsed.data;
}
