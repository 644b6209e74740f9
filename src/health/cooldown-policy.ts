import * as z from 'zod';
import { nonNegativeInteger, positiveInteger } from '../config/schema-helpers.js';

export interface CooldownOptions {
  /** How long a deployment sits out after a 429 without retry-after, a 401/403/404, or too many failures. Default 5000. */
  cooldownMs?: number;
  /** Longest cooldown after repeated failed probes (each doubles the last). Default 60000. */
  maxCooldownMs?: number;
  /** Consecutive failures that take a deployment out. Default 3. */
  allowedFails?: number;
  /** Failure rate over `windowMs` that takes a deployment out, once it has `minRequests`. Default 0.5. */
  failureRate?: number;
  /** Default 60000. */
  windowMs?: number;
  /** Default 10. */
  minRequests?: number;
  /** Turn cooldowns off entirely. */
  disabled?: boolean;
}

export type CooldownPolicy = Required<CooldownOptions>;

export const DEFAULT_COOLDOWN_POLICY: CooldownPolicy = {
  cooldownMs: 5_000,
  maxCooldownMs: 60_000,
  allowedFails: 3,
  failureRate: 0.5,
  windowMs: 60_000,
  minRequests: 10,
  disabled: false,
};

export const cooldownOptionsSchema = z.lazy(() =>
  z.strictObject(
    {
      cooldownMs: nonNegativeInteger().optional(),
      maxCooldownMs: nonNegativeInteger().optional(),
      allowedFails: positiveInteger().optional(),
      failureRate: z
        .number({ error: 'expected a fraction above 0 and up to 1' })
        .gt(0, { error: 'expected a fraction above 0 and up to 1' })
        .max(1, { error: 'expected a fraction above 0 and up to 1' })
        .optional(),
      windowMs: positiveInteger().optional(),
      minRequests: positiveInteger().optional(),
      disabled: z.boolean({ error: 'expected true or false' }).optional(),
    },
    { error: 'expected { cooldownMs, maxCooldownMs, allowedFails, failureRate, windowMs, minRequests, disabled }' },
  ),
);

export function cooldownPolicy(options: CooldownOptions | undefined): CooldownPolicy {
  return { ...DEFAULT_COOLDOWN_POLICY, ...options };
}
