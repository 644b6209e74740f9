import type { Attributes } from '@opentelemetry/api';
import type { SuccessEvent } from '../../events/event-types.js';

/** `gen_ai.response.id` and `gen_ai.response.finish_reasons` of a chat answer (an embedding answer has neither). */
export function responseAttributes(response: SuccessEvent['response'], into: Attributes): void {
  if (!('choices' in response)) return;
  if (typeof response.id === 'string' && response.id !== '') into['gen_ai.response.id'] = response.id;
  const reasons: string[] = [];
  for (const choice of response.choices) if (typeof choice.finish_reason === 'string') reasons.push(choice.finish_reason);
  if (reasons.length > 0) into['gen_ai.response.finish_reasons'] = reasons;
}
