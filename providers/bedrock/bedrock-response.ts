import { ContentPolicyViolationError, ContextWindowExceededError, errorFromStatus, malformedAnswer, parseRetryAfterMs, redactSecret, type RouterError } from '../../src/errors/index.js';
import type { ProviderTarget, ResponseHeaders } from '../../src/provider-adapter.js';
import { completionOf, usageWithCache } from '../shared/chat-content.js';
import type { ChatCompletion, CompletionUsage, FinishReason, ToolCall } from '../../src/types/chat.js';

export interface ConverseUsage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

interface ConverseResponse {
  output?: { message?: { content?: Array<{ text?: string; toolUse?: { toolUseId: string; name: string; input?: unknown } }> } };
  stopReason?: string;
  usage?: ConverseUsage;
}

export function mapBedrockStopReason(reason: string | undefined): FinishReason | null {
  switch (reason) {
    case undefined:
      return null;
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    default:
      return 'stop';
  }
}

export function mapBedrockUsage(usage: ConverseUsage | undefined): CompletionUsage | undefined {
  return usage ? usageWithCache(usage.inputTokens ?? 0, usage.outputTokens ?? 0, usage.cacheReadInputTokens ?? 0, usage.cacheWriteInputTokens ?? 0) : undefined;
}

export function parseBedrockResponse(body: unknown, target: ProviderTarget): ChatCompletion {
  const response = body as ConverseResponse;
  const content = response?.output?.message?.content;
  if (!Array.isArray(content)) {
    throw malformedAnswer(target, `answered 200 with no message`);
  }
  let text = '';
  const calls: ToolCall[] = [];
  for (const block of content) {
    if (block.text) text += block.text;
    if (block.toolUse) calls.push({ id: block.toolUse.toolUseId, type: 'function', function: { name: block.toolUse.name, arguments: JSON.stringify(block.toolUse.input ?? {}) } });
  }
  return completionOf({
    id: `bedrock-${Date.now()}`,
    model: target.providerModel,
    text,
    toolCalls: calls,
    finishReason: mapBedrockStopReason(response.stopReason),
    usage: mapBedrockUsage(response.usage),
  });
}

/** AWS error names (from `x-amzn-errortype` or an exception message) to statuses. */
const STATUS_OF: Readonly<Record<string, number>> = {
  ThrottlingException: 429,
  ServiceQuotaExceededException: 429,
  ModelNotReadyException: 429,
  ValidationException: 400,
  AccessDeniedException: 403,
  UnrecognizedClientException: 401,
  ResourceNotFoundException: 404,
  ModelTimeoutException: 408,
  ModelErrorException: 500,
  ModelStreamErrorException: 500,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
};

const TOO_LONG = /too long|too many (input )?tokens|context (length|window)|exceeds? .*max/i;

/** A Bedrock error (HTTP status or an exception in the event stream) as a typed error: throttling is a 429. */
export function parseBedrockError(status: number, bodyText: string, headers: ResponseHeaders, target: ProviderTarget, errorType?: string): RouterError {
  let raw: string | undefined;
  try {
    const parsed = JSON.parse(bodyText) as { message?: unknown; Message?: unknown };
    raw = typeof parsed.message === 'string' ? parsed.message : typeof parsed.Message === 'string' ? parsed.Message : undefined;
  } catch {
    // Not JSON.
  }
  const header = headers['x-amzn-errortype'];
  const type = (errorType ?? (typeof header === 'string' ? header : undefined))?.split(':')[0];
  const code = type ? (STATUS_OF[type] ?? status) : status;
  const message = redactSecret(`${target.provider} (${target.deploymentId}): ${type ? `${type}: ` : ''}${raw ?? (bodyText.trim().slice(0, 500) || `HTTP ${status}`)}`, target.apiKey);
  const options = { status: code, provider: target.provider, deploymentId: target.deploymentId, code: type, retryAfterMs: parseRetryAfterMs(headers) };
  if (code === 400 && raw && TOO_LONG.test(raw)) return new ContextWindowExceededError(message, options);
  if (code === 400 && raw && /guardrail|content filter/i.test(raw)) return new ContentPolicyViolationError(message, options);
  return errorFromStatus(code, message, options);
}
