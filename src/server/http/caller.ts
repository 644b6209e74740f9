/** Who is calling the gateway, as the caller resolver found them from their key. */
export interface Caller {
  /** The master key: every model, every route. */
  readonly isMaster: boolean;
  /** The virtual key's hash, the router's `apiKeyId`; undefined for the master key. */
  readonly token: string | undefined;
  readonly keyAlias?: string;
  readonly userId?: string;
  readonly teamId?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Whether this caller may call the model group (the key's, its user's and its team's `models`; an empty list allows all). */
  mayUse(model: string): boolean;
  /** Held for the call's length (a key's `max_parallel_requests`); throws a 429 RouterError when over. Returns the release. */
  enter(): () => void;
}

/** Finds the caller a bearer key belongs to. */
export interface CallerResolver {
  /** Throws AuthenticationError (401) for a missing, unknown, blocked or expired key. */
  resolve(bearer: string | undefined): Promise<Caller>;
}
