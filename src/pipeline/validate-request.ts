import type { ChatCompletionRequest } from '../types/chat.js';
import type { EmbeddingRequest } from '../types/embedding.js';
import type { CompletionOptions } from './completion-options.js';
import { rejectField } from './invalid-input.js';
import { jsonFault } from './validate-json-data.js';
import { validateMessages } from './validate-messages.js';
import { validateOptions } from './validate-options.js';
import { validateRequestFields } from './validate-request-fields.js';

/** An embedding input as one text, for token counts and filters. */
export function embeddingText(input: unknown): string {
  if (typeof input === 'string') return input;
  if (Array.isArray(input)) return input.map((item) => (typeof item === 'string' ? item : Array.isArray(item) ? ' '.repeat(item.length * 4) : ' ')).join('\n');
  return '';
}

function checkModel(request: unknown, shape: string, model: string): void {
  if (!request || typeof request !== 'object') rejectField('', `expected an object such as ${shape}`, request);
  const given = (request as { model?: unknown }).model;
  if (typeof given !== 'string' || given === '') rejectField('model', `expected the name of a model group, e.g. "${model}"`, given);
}

/** Anything a provider's JSON body could not hold (a BigInt, a circular structure, …), named before any provider is called. */
function checkJsonData(request: object): void {
  const fault = jsonFault(request, '');
  if (fault) rejectField(fault.param, fault.problem);
}

export function validateEmbeddingRequest(request: EmbeddingRequest, options: CompletionOptions): void {
  checkModel(request, '{ model, input }', 'text-embedding-3-small');
  const { input } = request;
  const valid = (typeof input === 'string' && input !== '') || (Array.isArray(input) && input.length > 0);
  if (!valid) rejectField('input', 'expected a non-empty string or array of strings', input);
  checkJsonData(request);
  validateOptions(options);
}

/**
 * Cheap hand-written checks of what OpenAI checks, so a bad request fails here with the
 * field named (`param`) before any provider is called; fields not checked pass through.
 */
export function validateRequest(request: ChatCompletionRequest, options: CompletionOptions): void {
  checkModel(request, '{ model, messages }', 'gpt-4o');
  validateMessages(request.messages);
  validateRequestFields(request as unknown as Record<string, unknown>);
  checkJsonData(request);
  validateOptions(options);
}
