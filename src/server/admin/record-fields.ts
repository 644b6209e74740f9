import * as z from 'zod';
import { budgetPeriod, BUDGET_DURATION_FORMS, durationMs, KEY_DURATION_FORMS } from '../rules/durations.js';

/** The fields of admin bodies, with LiteLLM's names; null clears a field on update. */

const ID_ERROR = 'expected a non-empty string of at most 256 characters';
export const recordId = () => z.string({ error: ID_ERROR }).min(1, { error: ID_ERROR }).max(256, { error: ID_ERROR });

const USD_ERROR = 'expected an amount in USD of 0 or more, or null for none';
const usd = () => z.number({ error: USD_ERROR }).nonnegative({ error: USD_ERROR }).refine(Number.isFinite, { error: USD_ERROR });

const COUNT_ERROR = 'expected a whole number of at least 1, or null for none';
const count = () =>
  z.number({ error: COUNT_ERROR }).int({ error: COUNT_ERROR }).positive({ error: COUNT_ERROR }).max(Number.MAX_SAFE_INTEGER, { error: COUNT_ERROR });

export const budgetDuration = () =>
  z
    .string({ error: `expected ${BUDGET_DURATION_FORMS}` })
    .refine((value) => budgetPeriod(value) !== undefined, { error: `expected ${BUDGET_DURATION_FORMS}` })
    .nullable();

export const keyDuration = () =>
  z
    .string({ error: `expected ${KEY_DURATION_FORMS}` })
    .refine((value) => durationMs(value) !== undefined, { error: `expected ${KEY_DURATION_FORMS}` })
    .nullable();

const MODELS_ERROR = "expected an array of model names, e.g. ['gpt-4o-mini']; [] allows every model";
const METADATA_ERROR = 'expected an object, e.g. { "app": "billing" }';
const STRING_OR_NULL = 'expected a string, or null for none';
const BOOLEAN = 'expected true or false';

/** What keys, users and teams each carry to limit their calls. */
export const limitFields = {
  max_budget: usd().nullable().optional(),
  budget_duration: budgetDuration().optional(),
  rpm_limit: count().nullable().optional(),
  tpm_limit: count().nullable().optional(),
  models: z.array(z.string({ error: MODELS_ERROR }).min(1, { error: MODELS_ERROR }), { error: MODELS_ERROR }).optional(),
  metadata: z.record(z.string(), z.unknown(), { error: METADATA_ERROR }).optional(),
};

export const keyFields = {
  ...limitFields,
  key_alias: z.string({ error: STRING_OR_NULL }).min(1, { error: STRING_OR_NULL }).nullable().optional(),
  duration: keyDuration().optional(),
  user_id: recordId().nullable().optional(),
  team_id: recordId().nullable().optional(),
  max_parallel_requests: count().nullable().optional(),
  blocked: z.boolean({ error: BOOLEAN }).optional(),
};

export const userFields = {
  ...limitFields,
  user_email: z.string({ error: STRING_OR_NULL }).nullable().optional(),
};

export const teamFields = {
  ...limitFields,
  team_alias: z.string({ error: STRING_OR_NULL }).nullable().optional(),
  blocked: z.boolean({ error: BOOLEAN }).optional(),
};

/** A list of ids or keys: at least one. */
export const nonEmptyList = (what: string) =>
  z.array(recordId(), { error: `expected an array of ${what}` }).min(1, { error: `expected at least one of ${what}` });

/** A whole number in the query string, from `min` to `max`. */
export const queryWhole = (min: number, max: number) => {
  const error = `expected a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,15}$/, { error })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error })
    .optional();
};

/** `true` or `false` in the query string. */
export const queryFlag = () =>
  z
    .enum(['true', 'false'], { error: 'expected true or false' })
    .transform((value) => value === 'true')
    .optional();
