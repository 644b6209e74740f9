import type { CallOperation } from '../../events/event-types.js';

/** The `gen_ai.operation.name` values switchyard's calls map to: the events' own `operation`. */
export type GenAiOperation = CallOperation;
