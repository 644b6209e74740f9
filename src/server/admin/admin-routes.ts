import type { RouteTable } from '../http/route-table.js';
import type { AdminContext } from './admin-context.js';
import { keyRoutes } from './key-routes.js';
import { spendRoutes } from './spend-routes.js';
import { teamRoutes } from './team-routes.js';
import { userRoutes } from './user-routes.js';

/** LiteLLM's management routes: keys, users, teams and spend. The master key only, but for a key's own info and its user's spend. */
export function addAdminRoutes(routes: RouteTable, context: AdminContext): void {
  for (const route of [...keyRoutes(context), ...userRoutes(context), ...teamRoutes(context), ...spendRoutes(context)]) routes.add(route);
}
