/**
 * A counter an attempt adds to, checked against its limit in the same atomic step:
 * requests and tokens per minute, of a caller or of a deployment.
 */
export interface CounterClaim {
  kind: 'counter';
  key: string;
  windowStart: number;
  windowEnd: number;
  amount: number;
  limit: number;
  /**
   * `strict`: refused when the value plus the amount passes the limit. `first-fits`: refused
   * at the limit, or when a value above 0 plus the amount passes it (a caller's first call
   * in a minute always fits, as one process counts it).
   */
  rule: 'strict' | 'first-fits';
}

/** An attempt's estimated cost held against a budget: it fits while spend, what calls in flight hold and it stay within the limit. */
export interface BudgetClaim {
  kind: 'budget';
  /** The counter of the budget's spend and the window it is in (0 for all-time spend). */
  spendKey: string;
  spendWindowStart: number;
  /** The counter of what calls in flight hold against it, in the budget's window. */
  reservedKey: string;
  windowStart: number;
  windowEnd: number;
  maxUsd: number;
  amountUsd: number;
}

/** The one probe of a half-open deployment: exactly one attempt in the fleet holds it. */
export interface ProbeClaim {
  kind: 'probe';
  deploymentId: string;
}

export type Claim = CounterClaim | BudgetClaim | ProbeClaim;

/** What an attempt asks of the shared state before its provider call. */
export interface ClaimRequest {
  claims: readonly Claim[];
  /** The router's clock. */
  now: number;
  /** How long budget holds and the probe are kept if the attempt never ends them (its process died): the attempt's time limit plus a grace. */
  holdMs: number;
}

/**
 * `taken`: everything was checked and added, atomically; `values` has, per claim, the
 * counter's value after it (a budget's spend), and `reservedUsd` a budget's reservations
 * (0 for other claims). `refused`: nothing was taken; `index` is the first claim that did
 * not fit, `values` and `reservedUsd` what each checked claim read. `unavailable`: the
 * shared state could not answer in time.
 */
export type ClaimAnswer =
  | { status: 'taken'; holdId: string; values: readonly number[]; reservedUsd: readonly number[] }
  | { status: 'refused'; index: number; values: readonly number[]; reservedUsd: readonly number[] }
  | { status: 'unavailable' };

/** Whether the shared state answers, as the `state` event tells it. */
export interface StateAvailability {
  available: boolean;
  /** Why it does not answer, without credentials. */
  reason?: string;
}

/**
 * What a state store shared between processes adds to `StateStore`: one atomic
 * check-and-take per attempt, the release of what it took, and an atomic raise of a counter
 * (spend restored from records kept elsewhere). Everything else (spend,
 * counts after the call, circuits) goes through the store's synchronous interface, which
 * writes through in the background.
 */
export interface SharedState {
  /** `deny`: a call that cannot reach the shared state fails; `allow`: it is served on local accounting. */
  readonly onUnavailable: 'allow' | 'deny';
  /** Never waits longer than the store's command time-out: past it, `unavailable`. */
  claim(request: ClaimRequest): Promise<ClaimAnswer>;
  /** Gives back the budget holds and the probe of a taken claim (once; in the background). */
  release(holdId: string, claims: readonly Claim[]): void;
  /**
   * Raises a window counter to at least `value` in the window from `windowStart` to
   * `windowEnd`, never lowering it, atomically in the shared state, and the local view with
   * it: processes raising one counter at once leave it at the highest value asked. A later
   * window held there is left alone; an ended one is replaced. Resolves once written, or once
   * the shared state stopped answering (the raise is then written when it answers again).
   */
  raise(key: string, windowStart: number, windowEnd: number, value: number): Promise<void>;
  /** Tells `listener` each time the shared state stops or starts answering; returns how to stop telling it. */
  watchAvailability(listener: (availability: StateAvailability) => void): () => void;
}
