import * as z from 'zod';
import { BadRequestError, NotFoundError, PermissionDeniedError } from '../../errors/api-errors.js';
import { newVirtualKey, tokenOf } from '../auth/virtual-key.js';
import type { KeyFields, KeyRecord, Page } from '../db/records.js';
import type { GatewayRequest } from '../http/gateway-request.js';
import type { Route } from '../http/route-table.js';
import { durationMs } from '../rules/durations.js';
import type { AdminContext } from './admin-context.js';
import { keyAnswer } from './record-answers.js';
import { keyFields, nonEmptyList, queryFlag, queryWhole, recordId } from './record-fields.js';
import { bodyOf, queryOf } from './request-input.js';

const generateBody = z.strictObject(keyFields);
const updateBody = z.strictObject({ key: recordId(), ...keyFields });
const deleteBody = z
  .strictObject({ keys: nonEmptyList('keys or their tokens').optional(), key_aliases: nonEmptyList('key aliases').optional() })
  .refine((body) => body.keys !== undefined || body.key_aliases !== undefined, { error: 'expected keys (keys or their tokens) or key_aliases' });
const infoQuery = z.object({ key: recordId().optional() });
const listQuery = z.object({
  page: queryWhole(1, Number.MAX_SAFE_INTEGER),
  size: queryWhole(1, 100),
  user_id: recordId().optional(),
  team_id: recordId().optional(),
  key_alias: recordId().optional(),
  return_full_object: queryFlag(),
});

type KeyInput = z.infer<typeof generateBody>;

export const keyNotFound = () => new NotFoundError('No key has this value or token', { param: 'key', type: 'not_found_error', code: 'key_not_found' });

/** The columns a body sets: `duration` becomes `expires`, counted from the gateway's clock. */
function keyColumns({ duration, ...fields }: KeyInput, now: () => number): KeyFields {
  if (duration === undefined) return fields;
  return { ...fields, expires: duration === null ? null : now() + (durationMs(duration) as number) };
}

/** A key's team must exist: its budget and its models would otherwise be silently missing. */
async function checkTeam(context: AdminContext, teamId: string | null | undefined): Promise<void> {
  if (teamId === undefined || teamId === null || (await context.db.teams.get(teamId))) return;
  throw new BadRequestError(`request.team_id: no team has team_id '${teamId}'; create it first with POST /team/new`, {
    param: 'team_id',
    type: 'invalid_request_error',
    code: 'team_not_found',
  });
}

async function generate(context: AdminContext, request: GatewayRequest): Promise<void> {
  const body = await bodyOf(request, generateBody);
  await checkTeam(context, body.team_id);
  const minted = newVirtualKey();
  const record = await context.db.keys.create({ ...keyColumns(body, context.now), token: minted.token, key_name: minted.key_name });
  await context.registry.sync();
  request.sendJson(200, { ...keyAnswer(record), key: minted.key, token_id: record.token });
}

async function update(context: AdminContext, request: GatewayRequest): Promise<void> {
  const { key, ...fields } = await bodyOf(request, updateBody);
  await checkTeam(context, fields.team_id);
  const token = tokenOf(key);
  const record = await context.db.keys.update(token, keyColumns(fields, context.now));
  if (record === undefined) throw keyNotFound();
  await context.registry.sync();
  request.sendJson(200, { key: token, ...keyAnswer(record) });
}

async function remove(context: AdminContext, request: GatewayRequest): Promise<void> {
  const body = await bodyOf(request, deleteBody);
  const tokens = body.keys
    ? body.keys.map(tokenOf)
    : (await Promise.all((body.key_aliases ?? []).map((alias) => context.db.keys.getByAlias(alias)))).flatMap((key) => (key ? [key.token] : []));
  const deleted = await context.db.keys.delete(tokens);
  await context.registry.sync();
  request.sendJson(200, { deleted_keys: deleted });
}

/** `?key=` (a key or its token), or the calling key's own; a virtual key reads only its own. */
async function info(context: AdminContext, request: GatewayRequest): Promise<void> {
  const { key } = queryOf(request, infoQuery);
  const { caller } = request;
  if (caller.isMaster && key === undefined) {
    throw new BadRequestError('query.key: expected the key or its token whose info to show', {
      param: 'key',
      type: 'invalid_request_error',
      code: 'missing_field',
    });
  }
  const token = key === undefined ? caller.token : tokenOf(key);
  if (!caller.isMaster && token !== caller.token) {
    throw new PermissionDeniedError('A virtual key may only read its own info: leave out ?key=, or use the master key', {
      type: 'permission_denied',
      code: 'not_own_key',
    });
  }
  await context.flushSpend();
  const record = token === undefined ? undefined : await context.db.keys.get(token);
  if (record === undefined) throw keyNotFound();
  request.sendJson(200, { key: record.token, info: keyAnswer(record) });
}

async function listByAlias(context: AdminContext, alias: string, filter: { user_id?: string; team_id?: string }): Promise<Page<KeyRecord>> {
  const key = await context.db.keys.getByAlias(alias);
  const matches =
    key !== undefined && (filter.user_id === undefined || key.user_id === filter.user_id) && (filter.team_id === undefined || key.team_id === filter.team_id);
  return { items: matches ? [key] : [], total_count: matches ? 1 : 0, page: 1, size: 1, total_pages: matches ? 1 : 0 };
}

async function list(context: AdminContext, request: GatewayRequest): Promise<void> {
  const { page = 1, size = 10, user_id, team_id, key_alias, return_full_object } = queryOf(request, listQuery);
  const found =
    key_alias === undefined ? await context.db.keys.list({ page, size, user_id, team_id }) : await listByAlias(context, key_alias, { user_id, team_id });
  request.sendJson(200, {
    keys: found.items.map((key) => (return_full_object ? keyAnswer(key) : key.token)),
    total_count: found.total_count,
    current_page: page,
    total_pages: found.total_pages,
  });
}

/** LiteLLM's key routes: generate, update, delete, info, list. */
export function keyRoutes(context: AdminContext): Route[] {
  return [
    { method: 'POST', path: '/key/generate', access: 'master', handle: (request) => generate(context, request) },
    { method: 'POST', path: '/key/update', access: 'master', handle: (request) => update(context, request) },
    { method: 'POST', path: '/key/delete', access: 'master', handle: (request) => remove(context, request) },
    { method: 'GET', path: '/key/info', access: 'caller', handle: (request) => info(context, request) },
    { method: 'GET', path: '/key/list', access: 'master', handle: (request) => list(context, request) },
  ];
}
