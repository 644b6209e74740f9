import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { BadRequestError, NotFoundError, PermissionDeniedError } from '../../errors/api-errors.js';
import { allPages, FULL_PAGE } from '../auth/all-pages.js';
import { newVirtualKey } from '../auth/virtual-key.js';
import type { GatewayRequest } from '../http/gateway-request.js';
import type { Route } from '../http/route-table.js';
import { durationMs } from '../rules/durations.js';
import type { AdminContext } from './admin-context.js';
import { keyAnswer, userAnswer } from './record-answers.js';
import { keyDuration, nonEmptyList, recordId, userFields } from './record-fields.js';
import { bodyOf, queryOf } from './request-input.js';

const newBody = z.strictObject({
  user_id: recordId().optional(),
  ...userFields,
  /** As LiteLLM: a key for the user comes with the answer unless this is false. */
  auto_create_key: z.boolean({ error: 'expected true or false' }).optional(),
  /** The auto-created key's alias and duration. */
  key_alias: z.string({ error: 'expected a string, or null for none' }).min(1).nullable().optional(),
  duration: keyDuration().optional(),
});
const updateBody = z.strictObject({ user_id: recordId(), ...userFields });
const deleteBody = z.strictObject({ user_ids: nonEmptyList('user ids') });
const userIdBody = z.strictObject({ user_id: recordId() });
const userIdQuery = z.object({ user_id: recordId().optional() });

const userNotFound = (userId: string) =>
  new NotFoundError(`No user has user_id '${userId}'`, { param: 'user_id', type: 'not_found_error', code: 'user_not_found' });

function requiredUserId(userId: string | undefined): string {
  if (userId !== undefined) return userId;
  throw new BadRequestError('query.user_id: expected the user_id of the user to show', {
    param: 'user_id',
    type: 'invalid_request_error',
    code: 'missing_field',
  });
}

function keysOf(context: AdminContext, userId: string) {
  return allPages((page) => context.db.keys.list({ user_id: userId, page, size: FULL_PAGE }));
}

async function create(context: AdminContext, request: GatewayRequest): Promise<void> {
  const { auto_create_key, key_alias, duration, user_id, ...fields } = await bodyOf(request, newBody);
  const user = await context.db.users.create({ ...fields, user_id: user_id ?? randomUUID() });
  if (auto_create_key === false) {
    await context.registry.sync();
    request.sendJson(200, userAnswer(user));
    return;
  }
  const minted = newVirtualKey();
  const expires = duration === undefined || duration === null ? null : context.now() + (durationMs(duration) as number);
  const key = await context.db.keys.create({ token: minted.token, key_name: minted.key_name, user_id: user.user_id, key_alias, expires });
  await context.registry.sync();
  request.sendJson(200, {
    ...userAnswer(user),
    key: minted.key,
    key_name: key.key_name,
    token: key.token,
    key_alias: key.key_alias,
    expires: keyAnswer(key).expires,
  });
}

async function info(context: AdminContext, request: GatewayRequest): Promise<void> {
  const userId = requiredUserId(queryOf(request, userIdQuery).user_id);
  await context.flushSpend();
  const user = await context.db.users.get(userId);
  if (user === undefined) throw userNotFound(userId);
  const keys = await keysOf(context, userId);
  request.sendJson(200, { user_id: userId, user_info: userAnswer(user), keys: keys.map(keyAnswer), teams: [] });
}

async function update(context: AdminContext, request: GatewayRequest): Promise<void> {
  const { user_id, ...fields } = await bodyOf(request, updateBody);
  const user = await context.db.users.update(user_id, fields);
  if (user === undefined) throw userNotFound(user_id);
  await context.registry.sync();
  request.sendJson(200, { user_id, data: userAnswer(user) });
}

/** As LiteLLM: the users and their keys; a user_id that does not exist refuses the whole request. Spend logs stay. */
async function remove(context: AdminContext, request: GatewayRequest): Promise<void> {
  const { user_ids } = await bodyOf(request, deleteBody);
  for (const userId of user_ids) if ((await context.db.users.get(userId)) === undefined) throw userNotFound(userId);
  const tokens = (await Promise.all(user_ids.map((userId) => keysOf(context, userId)))).flat().map((key) => key.token);
  const deletedKeys = await context.db.keys.delete(tokens);
  const deletedUsers = await context.db.users.delete(user_ids);
  await context.registry.sync();
  request.sendJson(200, { deleted_users: deletedUsers, deleted_keys: deletedKeys });
}

/** The calling key's user's spend (the master key names the user with ?user_id=). */
async function spend(context: AdminContext, request: GatewayRequest): Promise<void> {
  const { caller } = request;
  const asked = queryOf(request, userIdQuery).user_id;
  if (!caller.isMaster && asked !== undefined && asked !== caller.userId) {
    throw new PermissionDeniedError("A virtual key may only read its own user's spend: leave out ?user_id=, or use the master key", {
      type: 'permission_denied',
      code: 'not_own_user',
    });
  }
  const userId = caller.isMaster ? requiredUserId(asked) : caller.userId;
  if (userId === undefined)
    throw new NotFoundError('This key belongs to no user (its user_id is null)', { param: 'user_id', type: 'not_found_error', code: 'user_not_found' });
  await context.flushSpend();
  const user = await context.db.users.get(userId);
  const budget = context.router.spend({ scope: 'user', id: userId });
  request.sendJson(200, {
    user_id: userId,
    user_email: user?.user_email ?? null,
    total_spend: user?.spend ?? (await context.db.spend.total({ user_id: userId })),
    max_budget: user?.max_budget ?? null,
    budget_duration: user?.budget_duration ?? null,
    budget_reset_at: budget.resetsAt?.toISOString() ?? null,
    models: user?.models ?? [],
    rpm_limit: user?.rpm_limit ?? null,
    tpm_limit: user?.tpm_limit ?? null,
  });
}

/** The user's spend back to 0, in the database and in the router's counters (its spend logs stay). */
async function resetBudget(context: AdminContext, request: GatewayRequest): Promise<void> {
  const { user_id } = await bodyOf(request, userIdBody);
  // Rows still queued were spent before the reset: written first, they are not added after it.
  await context.flushSpend();
  const user = await context.db.users.resetSpend(user_id);
  if (user === undefined) throw userNotFound(user_id);
  context.router.resetSpend({ scope: 'user', id: user_id });
  await context.registry.sync();
  request.sendJson(200, { user_id, data: userAnswer(user) });
}

/** LiteLLM's user routes, with the tutorial's /user/spend and /user/reset_budget. */
export function userRoutes(context: AdminContext): Route[] {
  return [
    { method: 'POST', path: '/user/new', access: 'master', handle: (request) => create(context, request) },
    { method: 'GET', path: '/user/info', access: 'master', handle: (request) => info(context, request) },
    { method: 'POST', path: '/user/update', access: 'master', handle: (request) => update(context, request) },
    { method: 'POST', path: '/user/delete', access: 'master', handle: (request) => remove(context, request) },
    { method: 'GET', path: '/user/spend', access: 'caller', handle: (request) => spend(context, request) },
    { method: 'POST', path: '/user/reset_budget', access: 'master', handle: (request) => resetBudget(context, request) },
  ];
}
