import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { BadRequestError, NotFoundError } from '../../errors/api-errors.js';
import { allPages, FULL_PAGE } from '../auth/all-pages.js';
import type { GatewayRequest } from '../http/gateway-request.js';
import type { Route } from '../http/route-table.js';
import type { AdminContext } from './admin-context.js';
import { keyAnswer, teamAnswer } from './record-answers.js';
import { recordId, teamFields } from './record-fields.js';
import { bodyOf, queryOf } from './request-input.js';

const newBody = z.strictObject({ team_id: recordId().optional(), ...teamFields });
const updateBody = z.strictObject({ team_id: recordId(), ...teamFields });
const infoQuery = z.object({ team_id: recordId().optional() });

const teamNotFound = (teamId: string) =>
  new NotFoundError(`No team has team_id '${teamId}'`, { param: 'team_id', type: 'not_found_error', code: 'team_not_found' });

async function create(context: AdminContext, request: GatewayRequest): Promise<void> {
  const { team_id, ...fields } = await bodyOf(request, newBody);
  const team = await context.db.teams.create({ ...fields, team_id: team_id ?? randomUUID() });
  await context.registry.sync();
  request.sendJson(200, teamAnswer(team));
}

async function info(context: AdminContext, request: GatewayRequest): Promise<void> {
  const { team_id } = queryOf(request, infoQuery);
  if (team_id === undefined)
    throw new BadRequestError('query.team_id: expected the team_id of the team to show', {
      param: 'team_id',
      type: 'invalid_request_error',
      code: 'missing_field',
    });
  await context.flushSpend();
  const team = await context.db.teams.get(team_id);
  if (team === undefined) throw teamNotFound(team_id);
  const keys = await allPages((page) => context.db.keys.list({ team_id, page, size: FULL_PAGE }));
  request.sendJson(200, { team_id, team_info: teamAnswer(team), keys: keys.map(keyAnswer) });
}

async function update(context: AdminContext, request: GatewayRequest): Promise<void> {
  const { team_id, ...fields } = await bodyOf(request, updateBody);
  const team = await context.db.teams.update(team_id, fields);
  if (team === undefined) throw teamNotFound(team_id);
  await context.registry.sync();
  request.sendJson(200, { team_id, data: teamAnswer(team) });
}

/** LiteLLM's team routes: new, info, update. */
export function teamRoutes(context: AdminContext): Route[] {
  return [
    { method: 'POST', path: '/team/new', access: 'master', handle: (request) => create(context, request) },
    { method: 'GET', path: '/team/info', access: 'master', handle: (request) => info(context, request) },
    { method: 'POST', path: '/team/update', access: 'master', handle: (request) => update(context, request) },
  ];
}
