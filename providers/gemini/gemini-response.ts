import { ContentPolicyViolationError, malformedAnswer } from '../../src/errors/index.js';
import { completionOf, stringOr } from '../shared/chat-content.js';
import type { ProviderTarget } from '../../src/provider-adapter.js';
import type { ChatCompletion, CompletionUsage, FinishReason, ToolCall, ToolCallDelta } from '../../src/types/chat.js';

export interface GeminiResponse {
  candidates?: Array<{
    /** As sent: only a string `text` is text, and a call's name and id are read through `stringOr`. */
    content?: { parts?: Array<{ text?: unknown; thought?: boolean; functionCall?: { id?: unknown; name?: unknown; args?: unknown } }> };
    finishReason?: string;
  }>;
  usageMetadata?: {
    promptTokenCount?: number;
    candidatesTokenCount?: number;
    thoughtsTokenCount?: number;
    cachedContentTokenCount?: number;
    /** The prompt of Gemini's own tools (search, code execution): input, counted apart from `promptTokenCount`. */
    toolUsePromptTokenCount?: number;
  };
  promptFeedback?: { blockReason?: string };
  modelVersion?: string;
  responseId?: string;
}

const SAFETY_REASONS = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY']);

export function mapGeminiFinishReason(reason: string | undefined, hasToolCalls: boolean): FinishReason | null {
  if (reason === undefined) return null;
  if (SAFETY_REASONS.has(reason)) return 'content_filter';
  if (reason === 'MAX_TOKENS') return 'length';
  return hasToolCalls ? 'tool_calls' : 'stop';
}

/**
 * `usageMetadata` in OpenAI's convention: thoughts are counted apart from `candidatesTokenCount`, so they are added in (and
 * are the reasoning tokens); the prompt count already includes cached content; tool-use prompt tokens are added to the prompt.
 */
export function mapGeminiUsage(usage: GeminiResponse['usageMetadata']): CompletionUsage | undefined {
  if (!usage) return undefined;
  const prompt = (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
  const reasoning = usage.thoughtsTokenCount ?? 0;
  const completion = (usage.candidatesTokenCount ?? 0) + reasoning;
  const mapped: CompletionUsage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (usage.cachedContentTokenCount) mapped.prompt_tokens_details = { cached_tokens: usage.cachedContentTokenCount };
  if (reasoning) mapped.completion_tokens_details = { reasoning_tokens: reasoning };
  return mapped;
}

/** A prompt Gemini blocked outright has no candidates, only a block reason: a content-policy failure. */
export function blockedPrompt(response: GeminiResponse, target: ProviderTarget): ContentPolicyViolationError | undefined {
  const reason = response.promptFeedback?.blockReason;
  if (!reason) return undefined;
  return new ContentPolicyViolationError(`${target.provider} (${target.deploymentId}) blocked the prompt: ${reason}`, {
    provider: target.provider,
    deploymentId: target.deploymentId,
    code: reason,
    body: response,
  });
}

/**
 * The text, thoughts and function calls of the first candidate: `thought: true` parts are reasoning, never text; thought
 * signatures are left out. Calls get ids when Gemini gave none.
 */
export function candidateParts(response: GeminiResponse, callsSoFar: number): { text: string; reasoning: string; calls: ToolCall[] } {
  let text = '';
  let reasoning = '';
  const calls: ToolCall[] = [];
  const parts = response.candidates?.[0]?.content?.parts;
  for (const part of Array.isArray(parts) ? parts : []) {
    if (typeof part?.text === 'string') {
      if (part.thought) reasoning += part.text;
      else text += part.text;
    }
    if (part?.functionCall) {
      calls.push({
        id: stringOr(part.functionCall.id, `call_${callsSoFar + calls.length}`),
        type: 'function',
        function: { name: stringOr(part.functionCall.name), arguments: JSON.stringify(part.functionCall.args ?? {}) },
      });
    }
  }
  return { text, reasoning, calls };
}

export function parseGeminiResponse(body: unknown, target: ProviderTarget): ChatCompletion {
  const response = body as GeminiResponse;
  if (!response || typeof response !== 'object') {
    throw malformedAnswer(target, `answered 200 with no content`);
  }
  const blocked = blockedPrompt(response, target);
  if (blocked) throw blocked;
  const { text, reasoning, calls } = candidateParts(response, 0);
  return completionOf({
    id: response.responseId ?? `gemini-${Date.now()}`,
    model: response.modelVersion ?? target.providerModel,
    text,
    reasoning,
    toolCalls: calls,
    finishReason: mapGeminiFinishReason(response.candidates?.[0]?.finishReason ?? 'STOP', calls.length > 0),
    usage: mapGeminiUsage(response.usageMetadata),
  });
}

export function toolCallDeltas(calls: readonly ToolCall[], firstIndex: number): ToolCallDelta[] {
  return calls.map((call, i) => ({
    index: firstIndex + i,
    id: call.id,
    type: 'function',
    function: { name: call.function.name, arguments: call.function.arguments },
  }));
}
