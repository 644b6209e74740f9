import { describeValue, shortened } from '../config/describe-value.js';
import type { Deployment } from '../deployments/deployment.js';
import type { DeploymentPricing } from '../deployments/deployment-config.js';
import { BadRequestError } from '../errors/api-errors.js';
import { BudgetExceededError } from '../errors/router-side-errors.js';
import type { RouterEventBus } from '../events/router-event-bus.js';
import { callCostUsd, estimatedCostUsd } from '../pricing/call-cost.js';
import type { PriceBook } from '../pricing/price-book.js';
import { boundedTokens } from '../state/countable.js';
import type { WindowCounters } from '../state/window-counters.js';
import type { BudgetClaim, SharedState } from '../state/shared-state.js';
import type { CompletionUsage } from '../types/chat.js';
import { BudgetIndex, type Budget } from './budget-index.js';
import { CallerLimits, type LimitTicket } from './caller-limits.js';
import { isCountableUsage, recountedUsage } from './countable-usage.js';
import { checkSpentSince, parseBudget, parseBudgetSelector, parseLimit, parseLimitSelector, parseSpendSelector } from './rule-input.js';
import type { BudgetConfig, LimitConfig } from './spend-config.js';
import { fitsIn, SpendLedger, type BudgetHold, type BudgetStanding, type SpendCounter } from './spend-ledger.js';
import type { SpendQuery, SpendReport } from './spend-report.js';
import { restoreCounters, type SpentSince } from './spend-restore.js';
import { CALLER_SCOPES, ScopeValues, scopeValue, SPEND_SCOPES, type ScopeRules, type ScopeValue, type SpendScope } from './spend-scope.js';

/** What spend control needs to know of a call. */
export interface SpendingCall {
  /** global, then the user, team, key and tags the call names. */
  callerScopes(): readonly ScopeValue[];
  /** Prompt and expected answer tokens, for limits before a deployment is chosen. */
  estimatedTokens(): number;
  /** Prompt tokens and expected answer tokens on one deployment, for its cost estimate. */
  estimatedTokensOn(deployment: Deployment): { prompt: number; output: number };
  limitTicket: LimitTicket | undefined;
  costUsd: number;
  /** Some usage had no price: the call's cost is unknown. */
  costUnknown: boolean;
  usedTokens: number;
}

/** What one attempt holds against the budgets until it ends. */
export interface SpendTicket {
  deployment: Deployment;
  /** The model asked for. */
  model: string;
  pricing: DeploymentPricing | undefined;
  holds: BudgetHold[];
  ended: boolean;
}

const usd = (amount: number) => `$${amount.toFixed(6)}`;

function describe(standing: BudgetStanding): string {
  const { value, budget, spentUsd, reservedUsd, estimateUsd } = standing;
  const who = value.scope === 'global' ? 'The global budget' : `The budget of ${value.scope} '${value.id}'`;
  const period = budget.period === undefined ? '' : ` this ${budget.period} period (resets at ${new Date(standing.resetsAt as number).toISOString()})`;
  const held = `${usd(reservedUsd)} held by calls in flight`;
  const room = budget.maxUsd - spentUsd - reservedUsd;
  const state = fitsIn(room, 0) ? `has ${usd(room)} left, less than this call's estimated ${usd(estimateUsd)}` : 'is spent';
  return `${who} ${state}: ${usd(spentUsd)} spent and ${held}, of $${budget.maxUsd}${period}`;
}

export function budgetExceeded(standing: BudgetStanding): BudgetExceededError {
  return new BudgetExceededError(describe(standing), {
    scope: standing.value.scope,
    scopeId: standing.value.id,
    spentUsd: standing.spentUsd,
    limitUsd: standing.budget.maxUsd,
    resetsAt: standing.resetsAt === undefined ? undefined : new Date(standing.resetsAt),
  });
}

/** What a call's caller budgets leave one attempt: the least room under any of them, and which budget that is. */
export interface CallerRoom {
  usd: number;
  budget: Budget | undefined;
  value: ScopeValue | undefined;
}

const NO_CALLER_BUDGET: CallerRoom = Object.freeze({ usd: Infinity, budget: undefined, value: undefined });

/**
 * Prices calls, tracks spend, enforces budgets and caller limits. A spent caller budget or
 * a caller limit refuses a call before it starts; then each attempt goes only to a
 * deployment whose estimated cost fits under every budget it falls under (caller,
 * provider, deployment, model): spend, plus what calls in flight hold, plus this estimate,
 * within the limit. The attempt reserves that estimate and settles the real cost when it
 * ends, so concurrent calls see each other.
 */
export class SpendControl {
  readonly #budgets: BudgetIndex;
  readonly #ledger: SpendLedger;
  readonly #limits: CallerLimits;
  /** Scope values kept across calls, with their budgets, limits and counter keys found once. */
  readonly #values: Record<Exclude<SpendScope, 'global'>, ScopeValues>;
  readonly #rules: ScopeRules;
  #global: ScopeValue;
  readonly #events: RouterEventBus;
  readonly #counters: WindowCounters;
  readonly #shared: SharedState | undefined;
  /** Deployments already told of for usage that is not token counts: once each. */
  readonly #miscounted = new WeakSet<Deployment>();
  /** Whether a call must be looked at before it starts (found again when budgets or limits change). */
  guardsCallers = false;
  /** Whether any budget is on a caller scope. */
  #budgetsCallers = false;
  /** Whether budgets on providers, deployments or models apply. */
  #budgetsTargets = false;
  /** Whether budgets filter the candidates: each attempt's estimate must fit under them (found again when budgets change). */
  filtersCandidates = false;

  /** @param shared the state shared between processes, when the store has one. */
  constructor(
    readonly prices: PriceBook,
    budgets: readonly BudgetConfig[],
    limits: readonly LimitConfig[],
    counters: WindowCounters,
    events: RouterEventBus,
    private readonly now: () => number,
    shared: SharedState | undefined,
  ) {
    this.#budgets = new BudgetIndex(budgets);
    this.#events = events;
    this.#counters = counters;
    this.#shared = shared;
    this.#ledger = new SpendLedger(counters, events, shared !== undefined);
    this.#limits = new CallerLimits(limits, counters, shared !== undefined);
    const rules: ScopeRules = { budgetsFor: (scope, id) => this.#budgets.for(scope, id), limitsFor: (scope, id) => this.#limits.for(scope, id) };
    this.#rules = rules;
    this.#global = scopeValue('global', undefined, rules);
    const values = (scope: Exclude<SpendScope, 'global'>) => new ScopeValues(scope, rules);
    this.#values = {
      user: values('user'),
      team: values('team'),
      apiKeyId: values('apiKeyId'),
      tag: values('tag'),
      provider: values('provider'),
      deployment: values('deployment'),
      model: values('model'),
    };
    this.#followRules();
  }

  /** What each call looks at, from the budgets and limits there are now. */
  #followRules(): void {
    const scopes = this.#budgets.scopes;
    this.#budgetsTargets = scopes.has('provider') || scopes.has('deployment') || scopes.has('model');
    this.#budgetsCallers = [...scopes].some((s) => s !== 'provider' && s !== 'deployment' && s !== 'model');
    this.guardsCallers = this.#limits.any || this.#budgetsCallers;
    this.filtersCandidates = scopes.size > 0;
  }

  /** The rules on a scope and id changed: the values they apply to are found again on their next use; calls in flight keep theirs. */
  #rulesChanged(scope: SpendScope, id: string | undefined): void {
    if (scope === 'global') this.#global = scopeValue('global', undefined, this.#rules);
    else if (id === undefined) this.#values[scope].clear();
    else this.#values[scope].forget(id);
    this.#followRules();
  }

  /** Validates a budget as a `budgets` entry (ConfigError) and puts it in place of every budget on its scope and id, for the next calls. */
  setBudget(input: unknown): void {
    const budget = parseBudget(input);
    this.#budgets.set(budget);
    this.#rulesChanged(budget.scope, budget.id);
  }

  /** Removes the budgets on a scope and id (ConfigError when the selector is invalid); true when there were some. */
  removeBudget(input: unknown): boolean {
    const { scope, id } = parseBudgetSelector(input);
    const removed = this.#budgets.remove(scope, id);
    if (removed) this.#rulesChanged(scope, id);
    return removed;
  }

  /** Validates a limit as a `limits` entry (ConfigError) and puts it in place of every limit on its scope and id, for the next calls. */
  setLimit(input: unknown): void {
    const limit = parseLimit(input);
    this.#limits.set(limit);
    this.#rulesChanged(limit.scope, limit.id);
  }

  /** Removes the limits on a scope and id (ConfigError when the selector is invalid); true when there were some. */
  removeLimit(input: unknown): boolean {
    const { scope, id } = parseLimitSelector(input);
    const removed = this.#limits.remove(scope, id);
    if (removed) this.#rulesChanged(scope, id);
    return removed;
  }

  /**
   * Raises each spend counter of a scope value (all-time, each budget's current period) to
   * what `spentSince` answers for its window's start; never lowers one.
   */
  async restoreSpend(target: unknown, spentSince: unknown): Promise<void> {
    const { scope, id } = parseSpendSelector(target);
    checkSpentSince(spentSince);
    const counters = this.#ledger.spendCounters(this.valueOf(scope, id), this.now());
    await restoreCounters(counters, spentSince as SpentSince, (counter, usd) => this.#raise(counter, usd));
  }

  /** Raises a counter to at least `usd`: atomically in the shared state when there is one (which updates the local view), else here. */
  async #raise({ key, windowStart, windowEnd }: SpendCounter, usd: number): Promise<void> {
    if (this.#shared) return this.#shared.raise(key, windowStart, windowEnd, usd);
    const current = this.#counters.get(key, windowStart);
    if (usd > current) this.#counters.add(key, windowStart, windowEnd, usd - current);
  }

  /** One scope value, as calls spend under it; `global` takes no id. */
  valueOf(scope: SpendScope, id: string | undefined): ScopeValue {
    return scope === 'global' ? this.#global : this.#values[scope].get(id ?? '');
  }

  /** Refuses a call whose caller budgets are spent (BudgetExceededError) or that is over a caller limit (CallerRateLimitError). */
  admit(call: SpendingCall): void {
    if (!this.guardsCallers) return;
    const now = this.now();
    const values = call.callerScopes();
    for (const value of values) {
      for (const budget of value.budgets) {
        const spent = this.#ledger.refusal(budget, value, now, 0);
        if (spent) throw budgetExceeded(spent);
      }
    }
    call.limitTicket = this.#limits.admit(values, () => call.estimatedTokens(), now);
  }

  /** The least room the call's caller budgets leave, found once per selection: each candidate's estimate must fit in it. */
  callerRoom(call: SpendingCall): CallerRoom {
    if (!this.#budgetsCallers) return NO_CALLER_BUDGET;
    const now = this.now();
    let room = NO_CALLER_BUDGET;
    for (const value of call.callerScopes()) {
      for (const budget of value.budgets) {
        const usd = this.#ledger.room(budget, value, now);
        if (usd < room.usd) room = { usd, budget, value };
      }
    }
    return room;
  }

  /** The first budget an attempt on this deployment does not fit under: the callers' tightest, then its provider's, deployment's and model's. */
  blocking(call: SpendingCall, deployment: Deployment, model: string, callers: CallerRoom): BudgetStanding | undefined {
    // Called per candidate while filtering: no list of the three values is made, and the estimate only when a budget needs it.
    const now = this.now();
    let estimate: number | undefined;
    const estimateUsd = () => (estimate ??= this.#estimateUsd(call, deployment, now));
    if (callers.budget && !fitsIn(callers.usd, estimateUsd())) {
      const refused = this.#ledger.refusal(callers.budget, callers.value as ScopeValue, now, estimateUsd());
      if (refused) return refused;
    }
    if (!this.#budgetsTargets) return undefined;
    return (
      this.#firstRefusal(this.#values.provider.get(deployment.provider), now, estimateUsd) ??
      this.#firstRefusal(this.#values.deployment.get(deployment.id), now, estimateUsd) ??
      this.#firstRefusal(this.#values.model.get(model), now, estimateUsd)
    );
  }

  #firstRefusal(value: ScopeValue, atMs: number, estimateUsd: () => number): BudgetStanding | undefined {
    for (const budget of value.budgets) {
      const refused = this.#ledger.refusal(budget, value, atMs, estimateUsd());
      if (refused) return refused;
    }
    return undefined;
  }

  /** The attempt's estimated cost on a deployment: 0 when nothing prices it (its calls count toward no budget). */
  #estimateUsd(call: SpendingCall, deployment: Deployment, atMs: number): number {
    const pricing = this.prices.pricingAt(deployment, atMs);
    if (!pricing) return 0;
    const tokens = call.estimatedTokensOn(deployment);
    return estimatedCostUsd(boundedTokens(tokens.prompt), boundedTokens(tokens.output), pricing);
  }

  /** Reserves the attempt's estimated cost under every budget it falls under. */
  begin(call: SpendingCall, deployment: Deployment, model: string): SpendTicket {
    const now = this.now();
    const pricing = this.prices.pricingAt(deployment, now);
    const ticket: SpendTicket = { deployment, model, pricing, holds: [], ended: false };
    if (!pricing) return ticket;
    const callers = this.#budgetsCallers ? call.callerScopes() : NO_VALUES;
    const targets = this.#budgetsTargets ? this.#targetValues(deployment, model) : NO_VALUES;
    if (!callers.some(hasBudgets) && !targets.some(hasBudgets)) return ticket;
    const estimate = this.#estimateUsd(call, deployment, now);
    for (const value of callers) for (const budget of value.budgets) ticket.holds.push(this.#ledger.reserve(budget, value, now, estimate));
    for (const value of targets) for (const budget of value.budgets) ticket.holds.push(this.#ledger.reserve(budget, value, now, estimate));
    return ticket;
  }

  /**
   * The shared store refused the attempt's hold under one of its budgets, having read
   * `spentUsd` and `reservedUsd` there: the error the call fails with, and whether the
   * budget is the caller's (every deployment is out) or the deployment's own (others may fit).
   */
  refusedShared(ticket: SpendTicket, claim: BudgetClaim, spentUsd: number, reservedUsd: number): { error: BudgetExceededError; callers: boolean } {
    const hold = ticket.holds.find((h) => h.claim === claim) as BudgetHold;
    const standing = this.#ledger.refusedShared(hold, spentUsd, reservedUsd);
    return { error: budgetExceeded(standing), callers: (CALLER_SCOPES as readonly string[]).includes(hold.value.scope) };
  }

  /** The shared state could not be reached: the attempt's holds are kept in the local counters instead. */
  holdLocally(ticket: SpendTicket): void {
    for (const hold of ticket.holds) this.#ledger.holdLocally(hold);
  }

  /** Releases the attempt's reservations and records its real cost (once, whatever path it ends on); `usage` as {@link countable} gives it. */
  end(call: SpendingCall, ticket: SpendTicket, usage: CompletionUsage | undefined): void {
    if (ticket.ended) return;
    ticket.ended = true;
    for (const hold of ticket.holds) this.#ledger.release(hold);
    if (!usage) return;
    call.usedTokens += usage.total_tokens;
    if (!ticket.pricing) {
      call.costUnknown = true;
      return;
    }
    const cost = callCostUsd(usage, ticket.pricing);
    call.costUsd += cost;
    if (cost === 0) return;
    const now = this.now();
    for (const value of call.callerScopes()) this.#ledger.record(value, cost, now);
    this.#ledger.record(this.#values.provider.get(ticket.deployment.provider), cost, now);
    this.#ledger.record(this.#values.deployment.get(ticket.deployment.id), cost, now);
    this.#ledger.record(this.#values.model.get(ticket.model), cost, now);
  }

  /**
   * A deployment's reported usage as spend, limits and stats take it: as it is when every count
   * is a token count, else made countable, with a `warning` naming the deployment and the counts
   * (once per deployment).
   */
  countable(reported: CompletionUsage | undefined, deployment: Deployment): CompletionUsage | undefined {
    if (!reported || isCountableUsage(reported)) return reported;
    const { usage, replaced } = recountedUsage(reported);
    if (replaced.length > 0 && !this.#miscounted.has(deployment)) {
      this.#miscounted.add(deployment);
      this.#events.emit('warning', {
        message:
          `${deployment.provider} (${deployment.id}) reported usage that is not token counts (${replaced.join(', ')}): ` +
          'each such count is taken as 0 (a total as prompt plus completion) for spend, budgets and limits',
      });
    }
    return usage;
  }

  /** The call is over: its token reservation against caller limits becomes what it used. */
  finish(call: SpendingCall): void {
    if (call.limitTicket) this.#limits.settle(call.limitTicket, call.usedTokens);
    call.limitTicket = undefined;
  }

  report(query: SpendQuery | undefined): SpendReport {
    const { value, budget } = this.#resolve(query);
    if (!budget) {
      return {
        scope: value.scope,
        id: value.id,
        spentUsd: this.#ledger.allTime(value),
        reservedUsd: 0,
        limitUsd: undefined,
        remainingUsd: undefined,
        periodStart: undefined,
        resetsAt: undefined,
      };
    }
    const standing = this.#ledger.standing(budget, value, this.now());
    const periodic = standing.resetsAt !== undefined;
    return {
      scope: value.scope,
      id: value.id,
      spentUsd: standing.spentUsd,
      reservedUsd: standing.reservedUsd,
      limitUsd: budget.maxUsd,
      remainingUsd: Math.max(0, budget.maxUsd - standing.spentUsd),
      periodStart: periodic ? new Date(standing.windowStart) : undefined,
      resetsAt: periodic ? new Date(standing.resetsAt as number) : undefined,
    };
  }

  reset(query: SpendQuery | undefined): void {
    this.#ledger.reset(this.#resolve(query).value);
  }

  #resolve(query: SpendQuery | undefined): { value: ScopeValue; budget: Budget | undefined } {
    const scope = query?.scope ?? 'global';
    if (!(SPEND_SCOPES as readonly string[]).includes(scope)) {
      const shown = typeof scope === 'string' ? `'${shortened(scope)}'` : describeValue(scope);
      throw new BadRequestError(`spend: unknown scope ${shown}; expected one of ${SPEND_SCOPES.join(', ')}`);
    }
    if (scope !== 'global' && (typeof query?.id !== 'string' || query.id === '')) {
      throw new BadRequestError(`spend: scope '${scope}' needs an id, such as { scope: '${scope}', id: '…' }`);
    }
    const value = this.valueOf(scope, query?.id);
    if (query?.period === undefined) return { value, budget: value.budgets[0] };
    const budget = value.budgets.find((b) => b.period === query.period);
    if (!budget) {
      throw new BadRequestError(
        `spend: no '${query.period}' budget applies to ${scope}${value.id === undefined ? '' : ` '${value.id}'`}; spend is kept per period only for budgets`,
      );
    }
    return { value, budget };
  }

  /** The provider, deployment and model values a deployment serving `model` spends under. */
  #targetValues(deployment: Deployment, model: string): readonly ScopeValue[] {
    return [this.#values.provider.get(deployment.provider), this.#values.deployment.get(deployment.id), this.#values.model.get(model)];
  }
}

const hasBudgets = (value: ScopeValue) => value.budgets.length > 0;
const NO_VALUES: readonly ScopeValue[] = Object.freeze([]);
