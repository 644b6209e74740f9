import { BadRequestError } from '../../src/errors/index.js';
import type { ProviderTarget } from '../../src/provider-adapter.js';
import type { AssistantMessage, ChatCompletionRequest, ChatMessage, ChatTool, CustomToolCall, ToolCall } from '../../src/types/chat.js';

/** A tool choice among function tools: all that the APIs other than OpenAI's can be asked. */
export type FunctionToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };

export interface FunctionTools {
  tools: ChatTool[];
  choice: FunctionToolChoice | undefined;
}

function toolsError(target: ProviderTarget, param: string, message: string): BadRequestError {
  return new BadRequestError(`${param}: ${message}`, { param, provider: target.provider, deploymentId: target.deploymentId, type: 'invalid_request_error' });
}

/** A tool, choice or call of a type other than 'function': a custom tool's, which only OpenAI has, or one no API has. */
function notFunctionError(target: ProviderTarget, param: string, what: string, type: unknown): BadRequestError {
  const kind = type === 'custom' ? "a custom tool's (type 'custom'), which only OpenAI has" : `of type ${JSON.stringify(String(type))}`;
  return toolsError(target, param, `${what} ${kind}; provider '${target.provider}' (${target.deploymentId}) takes function tools`);
}

function legacyFunctionsError(target: ProviderTarget, param: string): BadRequestError {
  return toolsError(
    target,
    param,
    `OpenAI's deprecated function calling (functions, function_call, role 'function') has no counterpart at provider ` +
      `'${target.provider}' (${target.deploymentId}); use tools, tool_calls and role 'tool'`,
  );
}

/** OpenAI's deprecated function calling, for an API that has tools only: a `BadRequestError` naming the field, rather than a request sent without it. */
export function rejectLegacyFunctions(request: ChatCompletionRequest, target: ProviderTarget): void {
  if (request.functions !== undefined) throw legacyFunctionsError(target, 'functions');
  if (request.function_call !== undefined) throw legacyFunctionsError(target, 'function_call');
  const { messages } = request;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as ChatMessage;
    if (message.role === 'function') throw legacyFunctionsError(target, `messages[${i}]`);
    if (message.role === 'assistant' && message.function_call) throw legacyFunctionsError(target, `messages[${i}].function_call`);
  }
}

const allowedName = (tool: Record<string, unknown>) => {
  const fn = tool.function as { name?: unknown } | undefined;
  return typeof fn?.name === 'string' ? fn.name : undefined;
};

/**
 * A request's tools and tool choice for an API that has only function tools (every provider but OpenAI): `allowed_tools`
 * becomes its mode over the tools it allows. A custom tool, or a choice of one, is a `BadRequestError` naming it.
 */
export function functionTools(request: ChatCompletionRequest, target: ProviderTarget): FunctionTools {
  let tools: ChatTool[] = [];
  for (const [i, tool] of (request.tools ?? []).entries()) {
    if (tool.type !== 'function') throw notFunctionError(target, `tools[${i}]`, 'this tool is', tool.type);
    tools.push(tool);
  }
  const choice = request.tool_choice;
  if (choice === undefined || typeof choice === 'string' || choice.type === 'function') return { tools, choice };
  if (choice.type !== 'allowed_tools') throw notFunctionError(target, 'tool_choice', 'the choice is', choice.type);
  const allowed = new Set(choice.allowed_tools.tools.map(allowedName));
  tools = tools.filter((tool) => allowed.has(tool.function.name));
  return { tools, choice: choice.allowed_tools.mode };
}

/** An assistant message's tool calls, for an API that has only function tools; a custom tool's call is a `BadRequestError`. */
export function functionCalls(message: AssistantMessage, target: ProviderTarget): ToolCall[] {
  const calls: Array<ToolCall | CustomToolCall> = message.tool_calls ?? [];
  // A call without a type is a function's, as OpenAI takes it.
  const other = calls.find((call) => call.type !== 'function' && call.type !== undefined);
  if (!other) return calls as ToolCall[];
  throw notFunctionError(target, 'messages', `the assistant's tool call${typeof other.id === 'string' ? ` '${other.id}'` : ''} is`, other.type);
}
