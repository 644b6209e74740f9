import type { ChatCompletionRequest } from '../../types/chat.js';
import { writeEventStream } from '../http/event-stream.js';
import type { GatewayRequest } from '../http/gateway-request.js';
import type { Route } from '../http/route-table.js';
import type { OpenAIContext } from './openai-context.js';
import { routedCall } from './routed-call.js';

function chatCompletion(context: OpenAIContext, request: GatewayRequest): Promise<void> {
  return routedCall(context, request, async (body, options, call) => {
    const chat = body as unknown as ChatCompletionRequest;
    if (chat.stream === true) {
      const stream = await context.router.completion(chat as ChatCompletionRequest & { stream: true }, options);
      request.requestId = stream.requestId;
      await writeEventStream(request.openEventStream(), stream, request.signal);
    } else {
      const answer = await context.router.completion(chat as ChatCompletionRequest & { stream?: false }, options);
      request.requestId = call.requestId;
      request.sendJson(200, answer);
    }
  });
}

/** `POST /v1/chat/completions` (and without `/v1`): JSON, or server-sent events when `stream: true`. */
export function chatCompletionsRoute(context: OpenAIContext): Route {
  return { method: 'POST', path: '/chat/completions', v1: true, access: 'caller', handle: (request) => chatCompletion(context, request) };
}
