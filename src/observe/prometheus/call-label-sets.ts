import type { RequestLabels } from '../../events/event-types.js';
import type { CallerLabels } from './caller-labels.js';

type Labels = Readonly<Record<string, string>>;

const TOKEN_TYPES = ['input', 'output', 'cached', 'reasoning'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/** The label objects of one model, deployment, provider and caller, for every per-call metric. */
export class CallLabels {
  readonly base: Labels;
  readonly tokens: Readonly<Record<TokenType, Labels>>;
  readonly succeeded: { readonly requests: Labels; readonly duration: Labels };
  readonly #failed = new Map<string, { readonly requests: Labels; readonly duration: Labels }>();

  constructor(base: Record<string, string>) {
    this.base = Object.freeze(base);
    this.tokens = Object.freeze(Object.fromEntries(TOKEN_TYPES.map((type) => [type, this.#with({ type })])) as Record<TokenType, Labels>);
    this.succeeded = { requests: this.#with({ outcome: 'success', error: '' }), duration: this.#with({ outcome: 'success' }) };
  }

  failed(errorClass: string): { readonly requests: Labels; readonly duration: Labels } {
    let labels = this.#failed.get(errorClass);
    if (labels === undefined) {
      labels = { requests: this.#with({ outcome: 'failure', error: errorClass }), duration: this.#with({ outcome: 'failure' }) };
      this.#failed.set(errorClass, labels);
    }
    return labels;
  }

  #with(more: Record<string, string>): Labels {
    return Object.freeze({ ...this.base, ...more });
  }
}

/** Past this many label sets (models × deployments × callers), they start over. */
const MAX_SETS = 10_000;

/**
 * Label objects made once per model, deployment, provider and caller and reused: building
 * them per call costs more than counting. Deferred counters sum by the object itself.
 */
export class CallLabelSets {
  readonly #sets = new Map<string, CallLabels>();
  readonly #cacheHits = new Map<string, Labels>();

  constructor(private readonly caller: CallerLabels) {}

  of(model: string, deployment: string, provider: string, event: RequestLabels): CallLabels {
    const key = `${model}\u0000${deployment}\u0000${provider}\u0000${this.caller.key(event)}`;
    let labels = this.#sets.get(key);
    if (labels === undefined) {
      if (this.#sets.size >= MAX_SETS) this.#sets.clear();
      labels = new CallLabels(Object.assign({ model, deployment, provider }, this.caller.values(event)));
      this.#sets.set(key, labels);
    }
    return labels;
  }

  /** The labels of a cache hit: the model and the caller. */
  cacheHit(model: string, event: RequestLabels): Labels {
    const key = `${model}\u0000${this.caller.key(event)}`;
    let labels = this.#cacheHits.get(key);
    if (labels === undefined) {
      if (this.#cacheHits.size >= MAX_SETS) this.#cacheHits.clear();
      labels = Object.freeze(Object.assign({ model }, this.caller.values(event)));
      this.#cacheHits.set(key, labels);
    }
    return labels;
  }
}
