import type { RouteTable } from '../http/route-table.js';
import { chatCompletionsRoute } from './chat-completions-route.js';
import { embeddingsRoute } from './embeddings-route.js';
import { modelsRoute } from './models-route.js';
import type { OpenAIContext } from './openai-context.js';

/** OpenAI's endpoints, each with and without `/v1`. */
export function addOpenAIRoutes(routes: RouteTable, context: OpenAIContext): void {
  routes.add(chatCompletionsRoute(context));
  routes.add(embeddingsRoute(context));
  routes.add(modelsRoute(context.router));
}
