import { addAdminRoutes } from '../admin/admin-routes.js';
import type { GatewayModule, GatewaySetup } from '../create-gateway.js';
import { openDatabase, type GatewayDatabase } from '../db/open-database.js';
import { SpendLogWriter } from '../db/spend-log-writer.js';
import { RECORD_SCOPE, RecordRules, type RuleScope } from '../rules/record-rules.js';
import { spendLogSink } from '../spend/spend-log-sink.js';
import { backgroundErrors } from './background-errors.js';
import { KeyRegistry, type RecordChange } from './key-registry.js';
import { ParallelRequests } from './parallel-requests.js';
import { VirtualKeyResolver } from './virtual-key-resolver.js';

/** What the keys part of the gateway needs from its options. */
export interface KeysOptions {
  masterKey: string;
  /** undefined: SQLite in memory. */
  database: string | undefined;
  /** undefined: the database's default (`switchyard_`). */
  tablePrefix: string | undefined;
  keyRefreshMs: number;
  spendLogFlushMs: number;
  now: () => number;
}

const RULE_SCOPE: Readonly<Record<RecordChange['kind'], RuleScope>> = { key: 'apiKeyId', user: 'user', team: 'team' };

/**
 * USD a record spent since a moment: its spend-log rows since then, but never more than the record's
 * own `spend`, which `/user/reset_budget` sets back to 0 while the rows stay.
 */
function spentSince(db: GatewayDatabase) {
  return async (scope: RuleScope, id: string, since: Date): Promise<number> => {
    const [logged, record] = await Promise.all([
      db.spend.spentSince({ scope: RECORD_SCOPE[scope], id }, since),
      scope === 'apiKeyId' ? db.keys.get(id) : scope === 'user' ? db.users.get(id) : db.teams.get(id),
    ]);
    return record === undefined ? logged : Math.min(logged, record.spend);
  };
}

/**
 * The router's rules follow each record; a budget set or changed gets the spend the database knows.
 * A record the router cannot take (a `budget_duration` written to the database by hand) is told and
 * skipped. A restore that fails is told too once the gateway serves; while it starts, it fails the start.
 */
function recordFollower(rules: RecordRules, report: (error: unknown) => void) {
  let serving = false;
  const follow = async (change: RecordChange): Promise<void> => {
    const scope = RULE_SCOPE[change.kind];
    let budgetChanged: boolean;
    try {
      budgetChanged = rules.apply(scope, change.ref, change.record);
    } catch (error) {
      report(error);
      return;
    }
    if (!budgetChanged) return;
    try {
      await rules.restore(scope, change.ref);
    } catch (error) {
      if (!serving) throw error;
      report(error);
    }
  };
  return { follow, serving: () => void (serving = true) };
}

/**
 * Virtual keys, users, teams, their limits and budgets, spend logs and the admin routes, on the
 * database the options name: opens it (migrating it), loads every record and sets the router's
 * rules from them (restoring their spend), then follows the change feed. Closing the gateway stops
 * the feed, removes the rules, writes the queued spend logs and closes the database.
 */
export async function setUpKeys(setup: GatewaySetup, options: KeysOptions): Promise<void> {
  const { router } = setup;
  const report = backgroundErrors();
  const db = await openDatabase(options.database, { prefix: options.tablePrefix, now: options.now });
  const rules = new RecordRules(router, spentSince(db));
  const follower = recordFollower(rules, report);
  const registry = new KeyRegistry(db, { refreshMs: options.keyRefreshMs, onChange: follower.follow, onError: report });
  try {
    await registry.start();
    follower.serving();
  } catch (error) {
    await registry.stop();
    rules.clear();
    await db.close();
    throw error;
  }
  const writer = new SpendLogWriter(db, { flushMs: options.spendLogFlushMs, onError: report });
  setup.useCallerResolver(new VirtualKeyResolver(options.masterKey, registry, new ParallelRequests(), options.now));
  setup.addOutcomeSink(spendLogSink(writer));
  setup.addReadinessCheck({ name: 'database', check: () => db.ping() });
  addAdminRoutes(setup.routes, { db, router, registry, now: options.now, flushSpend: () => writer.flush() });
  setup.onClose(async () => {
    await registry.stop();
    rules.clear();
    try {
      await writer.close();
    } finally {
      await db.close();
    }
  });
}

/** The gateway's keys part, on the gateway's options. */
export const keysModule: GatewayModule = (setup) => setUpKeys(setup, setup.options);
