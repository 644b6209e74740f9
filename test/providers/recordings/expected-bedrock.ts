import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { openAIFinishReason, ToolCallAssembler, usageOf, type Expectation, type ExpectedAnswer, type ExpectedUsage } from './expected-answer.js';

interface ConverseUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

interface ContentBlock {
  text?: string;
  toolUse?: { name: string; input?: unknown };
  reasoningContent?: { reasoningText?: { text?: string }; redactedContent?: string };
}

type StreamEvent = Record<
  string,
  {
    contentBlockIndex?: number;
    start?: { toolUse?: { name: string } };
    delta?: { text?: string; toolUse?: { input?: string }; reasoningContent?: { text?: string } };
    stopReason?: string;
    usage?: ConverseUsage;
  }
>;

/** Converse counts cache reads and writes beside `inputTokens`; its `totalTokens` is all of them with the output. */
function bedrockUsage(usage: ConverseUsage | undefined): ExpectedUsage | undefined {
  if (!usage) return undefined;
  const cached = usage.cacheReadInputTokens ?? 0;
  const cacheWrite = usage.cacheWriteInputTokens ?? 0;
  const expected = usageOf({ prompt: (usage.inputTokens ?? 0) + cached + cacheWrite, completion: usage.outputTokens ?? 0, cached, cacheWrite });
  if (usage.totalTokens !== undefined && usage.totalTokens !== expected.total) {
    throw new Error(`the recording's usage adds up in no known convention: ${JSON.stringify(usage)}`);
  }
  return expected;
}

/** A Converse answer: `text` blocks and `toolUse` blocks; reasoning and citations are neither. */
export function expectedBedrockAnswer(body: { output: { message: { content: ContentBlock[] } }; stopReason: string; usage?: ConverseUsage }): ExpectedAnswer {
  const content = body.output.message.content;
  const calls = new ToolCallAssembler();
  for (const [index, block] of content.entries()) {
    if (block.toolUse) calls.add(index, { name: block.toolUse.name, args: JSON.stringify(block.toolUse.input ?? {}) });
  }
  return {
    text: content.map((block) => block.text ?? '').join(''),
    reasoning: content.map((block) => block.reasoningContent?.reasoningText?.text ?? '').join(''),
    toolCalls: calls.result(),
    finishReason: openAIFinishReason(body.stopReason),
    usage: bedrockUsage(body.usage),
  };
}

/** ConverseStream events (`{ "<eventType>": payload }`): text deltas, `toolUse` blocks with their input fragments, `messageStop`, `metadata`. */
export function expectedBedrockStream(events: readonly StreamEvent[]): ExpectedAnswer {
  let text = '';
  let reasoning = '';
  let stopReason: string | undefined;
  let usage: ConverseUsage | undefined;
  const calls = new ToolCallAssembler();
  for (const event of events) {
    const { contentBlockStart: start, contentBlockDelta: delta, messageStop, metadata } = event;
    if (start?.start?.toolUse) calls.add(start.contentBlockIndex, { name: start.start.toolUse.name });
    if (delta?.delta?.text) text += delta.delta.text;
    if (delta?.delta?.reasoningContent?.text) reasoning += delta.delta.reasoningContent.text;
    if (delta?.delta?.toolUse) calls.add(delta.contentBlockIndex, { args: delta.delta.toolUse.input });
    if (messageStop) stopReason = messageStop.stopReason;
    if (metadata) usage = metadata.usage;
  }
  return { text, reasoning, toolCalls: calls.result(), finishReason: openAIFinishReason(stopReason), usage: bedrockUsage(usage) };
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/**
 * The typed error for an exception a stream frame names (lowerCamelCase in frames), with the
 * HTTP status AWS documents for it: a model that failed behind Bedrock is 424 (the frame's
 * `originalStatusCode` is the model's own), a failure worth retrying.
 */
const FAILURE_OF_EXCEPTION: Readonly<Record<string, Extract<Expectation, { failure: unknown }>['failure']>> = {
  throttlingException: { error: 'RateLimitError', status: 429, retryable: true },
  validationException: { error: 'BadRequestError', status: 400, retryable: false },
  modelStreamErrorException: { error: 'InternalServerError', status: 424, retryable: true },
  internalServerException: { error: 'InternalServerError', status: 500, retryable: true },
  serviceUnavailableException: { error: 'InternalServerError', status: 503, retryable: true },
};

/** Raw ConverseStream bytes, decoded frame by frame: an exception frame is the failure, else the events are the answer. */
export function expectedBedrockRawStream(bytes: Uint8Array): Expectation {
  const events: StreamEvent[] = [];
  for (let at = 0; at < bytes.length;) {
    const length = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0);
    const message = codec.decode(bytes.subarray(at, at + length));
    at += length;
    const header = (name: string) => String(message.headers[name]?.value ?? '');
    if (header(':message-type') === 'exception') {
      const failure = FAILURE_OF_EXCEPTION[header(':exception-type')];
      if (!failure) throw new Error(`no typed error known for the exception ${header(':exception-type')}`);
      return { failure };
    }
    events.push({ [header(':event-type')]: JSON.parse(toUtf8(message.body)) as StreamEvent[string] });
  }
  return { answer: expectedBedrockStream(events) };
}
