import * as z from 'zod';
import { tokenOf } from '../auth/virtual-key.js';
import type { GatewayRequest } from '../http/gateway-request.js';
import type { Route } from '../http/route-table.js';
import type { AdminContext } from './admin-context.js';
import { spendLogAnswer } from './record-answers.js';
import { queryWhole, recordId } from './record-fields.js';
import { queryOf } from './request-input.js';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_ERROR = "expected a date such as '2026-12-01' or a time such as '2026-12-01T12:00:00Z'";

/** A date or time of the query string; a date alone ends after its whole day when it is an end. */
const queryTime = (end: boolean) =>
  z
    .string()
    .transform((text, ctx) => {
      const ms = DATE_ONLY.test(text) ? Date.parse(`${text}T00:00:00Z`) + (end ? DAY_MS : 0) : Date.parse(text);
      if (Number.isNaN(ms)) {
        ctx.addIssue({ code: 'custom', message: DATE_ERROR });
        return z.NEVER;
      }
      return new Date(ms);
    })
    .optional();

const logsQuery = z.object({
  api_key: recordId().optional(),
  user_id: recordId().optional(),
  team_id: recordId().optional(),
  model: recordId().optional(),
  request_id: recordId().optional(),
  start_date: queryTime(false),
  end_date: queryTime(true),
  limit: queryWhole(1, 10_000),
});

/** Rows `/spend/logs` answers when no `limit` is asked for. */
const DEFAULT_LOGS = 1_000;

/** `{ spend, max_budget }`: every call's spend, and the router's global budget when it has one. */
async function globalSpend(context: AdminContext, request: GatewayRequest): Promise<void> {
  await context.flushSpend();
  const spend = await context.db.spend.total();
  request.sendJson(200, { spend, max_budget: context.router.spend().limitUsd ?? null });
}

/** Spend-log rows, newest first, filtered by key (the key or its token), user, team, model group, request and time. */
async function logs(context: AdminContext, request: GatewayRequest): Promise<void> {
  const query = queryOf(request, logsQuery);
  await context.flushSpend();
  const rows = await context.db.spend.logs({
    token: query.api_key === undefined ? undefined : tokenOf(query.api_key),
    user_id: query.user_id,
    team_id: query.team_id,
    model_group: query.model,
    request_id: query.request_id,
    start: query.start_date,
    end: query.end_date,
    limit: query.limit ?? DEFAULT_LOGS,
  });
  request.sendJson(200, rows.map(spendLogAnswer));
}

export function spendRoutes(context: AdminContext): Route[] {
  return [
    { method: 'GET', path: '/global/spend', access: 'master', handle: (request) => globalSpend(context, request) },
    { method: 'GET', path: '/spend/logs', access: 'master', handle: (request) => logs(context, request) },
  ];
}
