import { openAIFinishReason, usageOf, type ExpectedAnswer, type ExpectedToolCall, type Expectation, type ExpectedUsage } from './expected-answer.js';

interface UsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
}

interface GeminiResponse {
  candidates?: Array<{
    content?: { parts?: Array<{ text?: string; thought?: boolean; functionCall?: { name: string; args?: Record<string, unknown> } }> };
    finishReason?: string;
  }>;
  usageMetadata?: UsageMetadata;
  promptFeedback?: { blockReason?: string };
}

/** Thoughts are part of the output Gemini bills (OpenAI's reasoning tokens inside the completion). */
function geminiUsage(usage: UsageMetadata | undefined): ExpectedUsage | undefined {
  if (!usage) return undefined;
  const expected = usageOf({
    prompt: (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0),
    completion: (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0),
    cached: usage.cachedContentTokenCount,
    reasoning: usage.thoughtsTokenCount,
  });
  if (usage.totalTokenCount !== undefined && usage.totalTokenCount !== expected.total) {
    throw new Error(`the recording's usageMetadata adds up in no known convention: ${JSON.stringify(usage)}`);
  }
  return expected;
}

/** Gemini says STOP when it calls a function; OpenAI says tool_calls. */
function finishReasonOf(reason: string | undefined, calls: readonly ExpectedToolCall[]): ExpectedAnswer['finishReason'] {
  const mapped = openAIFinishReason(reason);
  return mapped === 'stop' && calls.length > 0 ? 'tool_calls' : mapped;
}

/** Each response's (or stream event's) first candidate: text parts that are not thoughts, and function calls. */
function expectedGemini(responses: readonly GeminiResponse[]): Expectation {
  let text = '';
  let reasoning = '';
  let finishReason: string | undefined;
  let usage: UsageMetadata | undefined;
  const toolCalls: ExpectedToolCall[] = [];
  for (const response of responses) {
    if (response.promptFeedback?.blockReason) return { failure: { error: 'ContentPolicyViolationError', status: 400, retryable: false } };
    const candidate = response.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (typeof part.text === 'string' && !part.thought) text += part.text;
      if (typeof part.text === 'string' && part.thought) reasoning += part.text;
      if (part.functionCall) toolCalls.push({ name: part.functionCall.name, arguments: part.functionCall.args ?? {} });
    }
    finishReason = candidate?.finishReason ?? finishReason;
    usage = response.usageMetadata ?? usage;
  }
  return { answer: { text, reasoning, toolCalls, finishReason: finishReasonOf(finishReason, toolCalls), usage: geminiUsage(usage) } };
}

export const expectedGeminiAnswer = (body: GeminiResponse): Expectation => expectedGemini([body]);
export const expectedGeminiStream = (events: readonly GeminiResponse[]): Expectation => expectedGemini(events);
