import type { KeyRecord, TeamRecord, UserRecord } from '../db/records.js';
import type { Caller } from '../http/caller.js';
import type { ParallelRequests } from './parallel-requests.js';

const NO_RELEASE = () => undefined;

/** The model lists that restrict a caller: the key's, its user's and its team's, each non-empty (empty allows all). */
function modelLists(key: KeyRecord, user: UserRecord | undefined, team: TeamRecord | undefined): ReadonlySet<string>[] {
  return [key.models, user?.models ?? [], team?.models ?? []].filter((models) => models.length > 0).map((models) => new Set(models));
}

/** A virtual key's caller, made from its record and its user's and team's (as they were when it was made). */
export class KeyCaller implements Caller {
  readonly isMaster = false;
  readonly token: string;
  readonly keyAlias: string | undefined;
  readonly userId: string | undefined;
  readonly teamId: string | undefined;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly #models: readonly ReadonlySet<string>[];
  readonly #maxParallel: number | null;

  constructor(
    key: KeyRecord,
    user: UserRecord | undefined,
    team: TeamRecord | undefined,
    private readonly parallel: ParallelRequests,
  ) {
    this.token = key.token;
    this.keyAlias = key.key_alias ?? undefined;
    this.userId = key.user_id ?? undefined;
    this.teamId = key.team_id ?? undefined;
    this.metadata = key.metadata;
    this.#models = modelLists(key, user, team);
    this.#maxParallel = key.max_parallel_requests;
  }

  mayUse(model: string): boolean {
    for (const models of this.#models) if (!models.has(model)) return false;
    return true;
  }

  enter(): () => void {
    return this.#maxParallel === null ? NO_RELEASE : this.parallel.enter(this.token, this.#maxParallel);
  }
}
