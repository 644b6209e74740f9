/**
 * Where the store's data lives: every key starts with the prefix in braces, Redis
 * Cluster's hash tag, so all of one prefix's keys are in one slot and each script runs on
 * one node.
 */
export class RedisKeys {
  readonly tag: string;
  /** A hash of circuits by deployment id, and the channel their changes are published on. */
  readonly circuits: string;
  /** What `connect` scans to load the window counters. */
  readonly counterPattern: string;

  constructor(prefix: string) {
    this.tag = `{${prefix}}`;
    this.circuits = `${this.tag}circuits`;
    this.counterPattern = `${this.tag}c:*`;
  }

  /** A window counter: `{prefix}c:<name>`, a hash of its window start, end and value. */
  counter(name: string): string {
    return `${this.tag}c:${name}`;
  }

  counterName(key: string): string {
    return key.slice(this.tag.length + 2);
  }

  /** The holds behind a reservation counter: a sorted set of `holdId|windowStart|usd` by the time each expires. */
  holds(reservedName: string): string {
    return `${this.tag}h:${reservedName}`;
  }

  /** The probe of a half-open deployment: the id of the attempt holding it, expiring with its hold. */
  probe(deploymentId: string): string {
    return `${this.tag}p:${deploymentId}`;
  }
}

/** What a prefix may hold: braces would break the hash tag. */
export function checkPrefix(prefix: unknown, store: string): string {
  if (typeof prefix !== 'string' || prefix === '' || /[{}]/.test(prefix)) {
    throw new TypeError(`${store}: prefix must be a non-empty string without braces, such as 'myapp:'`);
  }
  return prefix;
}
