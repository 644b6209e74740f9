import type { ChatCompletionRequest } from '../types/chat.js';

const CONTINUE_INSTRUCTION =
  'Your previous reply was cut off. Continue it exactly where it stopped: do not repeat any of it and do not comment on the interruption.';

/** The request that continues a broken stream elsewhere: the conversation, an instruction, and the partial answer as the assistant's turn. */
export function continuationRequest(request: ChatCompletionRequest, partialText: string): ChatCompletionRequest {
  return {
    ...request,
    messages: [...request.messages, { role: 'system', content: CONTINUE_INSTRUCTION }, { role: 'assistant', content: partialText }],
  };
}
