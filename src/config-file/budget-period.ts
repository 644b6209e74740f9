import * as z from 'zod';
import { budgetPeriod, BUDGET_DURATION_FORMS } from '../server/rules/durations.js';
import { text } from './config-values.js';

/** A LiteLLM `budget_duration` / `time_period` (`1d`, `30d`, `1mo`) as the router's budget `period` (`1mo` is `30d`). */
export const budgetPeriodSchema = () =>
  text(`expected ${BUDGET_DURATION_FORMS}`).transform((duration, ctx) => {
    const period = budgetPeriod(duration);
    if (period !== undefined) return period;
    ctx.addIssue({ code: 'custom', message: `expected ${BUDGET_DURATION_FORMS}` });
    return z.NEVER;
  });
