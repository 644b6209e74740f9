import { shortened } from '../config/describe-value.js';
import type * as z from 'zod';
import { keyFields, recordId, userFields } from '../server/admin/record-fields.js';
import { childPath } from './config-report.js';
import type { ConfigDraft } from './config-draft.js';
import { checked, text } from './config-values.js';
import type { ConfigKey, ConfigUser } from './loaded-config.js';
import { readList, readMapping, type KeyReader } from './read-mapping.js';

/** Readers filling `record` from the gateway's own checks of each field (the admin routes' rules). */
function fieldReaders(fields: Readonly<Record<string, z.ZodType>>, record: Record<string, unknown>, draft: ConfigDraft): Record<string, KeyReader> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, schema]): [string, KeyReader] => [
      name,
      (value, path) => {
        const read = checked(schema, value, path, draft.report);
        if (read !== undefined) record[name] = read;
      },
    ]),
  );
}

const USER_EXAMPLE = '{ user_id: alice, max_budget: 10, budget_duration: 30d, models: [gpt-4o], rpm_limit: 60 }';

/** The tutorial's `user_config`: users (`user_id`, `max_budget`, `budget_duration`, `models`, `rpm_limit`, `tpm_limit`…) for the gateway to create. */
export function readUserConfig(value: unknown, draft: ConfigDraft): void {
  const seen = new Map<string, string>();
  readList(
    value,
    'user_config',
    draft.report,
    (entry, path) => {
      const user: Record<string, unknown> = {};
      if (!readMapping(entry, path, draft.report, fieldReaders({ user_id: recordId(), ...userFields }, user, draft), USER_EXAMPLE)) return;
      const id = user.user_id as string | undefined;
      if (id === undefined) {
        if ((entry as Record<string, unknown>).user_id == null) draft.report.error(childPath(path, 'user_id'), 'is required: the user’s id, e.g. alice');
        return;
      }
      const before = seen.get(id);
      if (before) return draft.report.error(childPath(path, 'user_id'), `user '${shortened(id)}' is already listed at ${before}`);
      seen.set(id, path);
      draft.users.push({ value: user as unknown as ConfigUser, path });
    },
    `[${USER_EXAMPLE}]`,
  );
}

const KEY_EXAMPLE = '{ key_alias: ci-bot, user_id: alice, max_budget: 5, rpm_limit: 20 }';

/** A key the file fixes: `sk-` and at least 16 characters, as LiteLLM requires of a chosen key. Never shown. */
const fixedKey = () =>
  text('expected the key as a string, e.g. os.environ/CI_BOT_KEY').refine((key) => key.startsWith('sk-') && key.length >= 16, {
    error: "expected a key that starts with 'sk-' and has at least 16 characters",
  });

/** The tutorial's `key_settings`: virtual keys for the gateway to create, with the fields of LiteLLM's `/key/generate`, and `key` to fix the key itself. */
export function readKeySettings(value: unknown, draft: ConfigDraft): void {
  const seenAliases = new Map<string, string>();
  const seenKeys = new Map<string, string>();
  readList(
    value,
    'key_settings',
    draft.report,
    (entry, path) => {
      const key: Record<string, unknown> = {};
      if (!readMapping(entry, path, draft.report, fieldReaders({ key: fixedKey(), ...keyFields }, key, draft), KEY_EXAMPLE)) return;
      const alias = key.key_alias as string | undefined;
      if (alias !== undefined) {
        const before = seenAliases.get(alias);
        if (before) return draft.report.error(childPath(path, 'key_alias'), `key_alias '${shortened(alias)}' is already used at ${before}`);
        seenAliases.set(alias, path);
      }
      if (typeof key.key === 'string') {
        const before = seenKeys.get(key.key);
        if (before) return draft.report.error(childPath(path, 'key'), `the same key is already listed at ${before}`);
        seenKeys.set(key.key, path);
      }
      draft.keys.push({ value: key as ConfigKey, path });
    },
    `[${KEY_EXAMPLE}]`,
  );
}
