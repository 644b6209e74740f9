import { RouterError } from '../errors/router-error.js';
import { StreamInterruptedError } from '../errors/router-side-errors.js';
import { addUsage, estimatedUsage } from '../tokens/estimate-tokens.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, CompletionUsage } from '../types/chat.js';
import { contentText } from './content-text.js';
import { StreamAssembler } from './stream-assembler.js';

const isText = (content: unknown) => content === undefined || content === null || typeof content === 'string';

function textOnly(chunk: ChatCompletionChunk): boolean {
  for (const choice of chunk.choices) if (!isText(choice.delta?.content)) return false;
  return true;
}

/** A chunk whose content is not a string (a custom adapter's parts): the same chunk with the text it holds. */
function withTextOnly(chunk: ChatCompletionChunk): ChatCompletionChunk {
  const choices = chunk.choices.map((choice) =>
    isText(choice.delta?.content) ? choice : { ...choice, delta: { ...choice.delta, content: contentText(choice.delta.content) } },
  );
  return { ...chunk, choices };
}

function withoutUsage(chunk: ChatCompletionChunk): ChatCompletionChunk {
  const { usage: _usage, ...rest } = chunk;
  return rest;
}

/**
 * What a stream has delivered so far across its segments: first-content time, text, usage, and the
 * whole answer. Usage never reaches the caller inside the provider's chunks (each provider sends it
 * its own way): it is kept, merged across segments, for `usageChunk()` at the end.
 */
export class StreamTracker {
  ttftMs: number | undefined;
  /** Text of all segments so far. */
  text = '';
  private segmentText = '';
  private segmentUsage: CompletionUsage | undefined;
  /** Usage of the segments before the current one (reported, or estimated when a segment broke before reporting). */
  private earlierUsage: CompletionUsage | undefined;
  private continuation = false;
  private readonly answer = new StreamAssembler();

  constructor(
    /** Milliseconds since the call began, on the router's clock. */
    private readonly elapsedMs: () => number,
    private readonly request: ChatCompletionRequest,
  ) {}

  get contentSent(): boolean {
    return this.ttftMs !== undefined;
  }

  /** What the current segment used: as reported, else estimated from its text (it stopped before its usage chunk). */
  get currentSegmentUsage(): CompletionUsage {
    return this.segmentUsage ?? estimatedUsage(this.request, this.segmentText);
  }

  /** Usage of everything so far, merged across segments; estimated where a segment reported none. */
  get usage(): CompletionUsage {
    return this.earlierUsage ? addUsage(this.earlierUsage, this.currentSegmentUsage) : this.currentSegmentUsage;
  }

  /**
   * The chunk to hand the caller, or undefined to drop it: a chunk with only usage, or a continuation's opening role chunk.
   * Only strings are text: content an adapter gives in another shape is handed on, and counted, as the strings it holds.
   */
  observe(chunk: ChatCompletionChunk): ChatCompletionChunk | undefined {
    if (!textOnly(chunk)) chunk = withTextOnly(chunk);
    const delta = chunk.choices[0]?.delta;
    if (delta?.content) {
      this.text += delta.content;
      this.segmentText += delta.content;
    }
    if (this.ttftMs === undefined && delta && (delta.content || delta.tool_calls || delta.refusal)) {
      this.ttftMs = this.elapsedMs();
    }
    if (chunk.usage) {
      this.segmentUsage = chunk.usage;
      if (chunk.choices.length === 0) return undefined;
      chunk = withoutUsage(chunk);
    }
    if (this.continuation && delta && !delta.content && !delta.tool_calls && !delta.refusal && !chunk.choices[0]?.finish_reason) return undefined;
    this.answer.add(chunk);
    return chunk;
  }

  /** Usage of every segment, when the provider reported the last one's (an estimate is the router's, never handed out as the provider's). */
  private get reportedUsage(): CompletionUsage | undefined {
    return this.segmentUsage && this.usage;
  }

  /** The closing chunk `stream_options.include_usage` asks for, as OpenAI sends it: `choices: []` and the usage; none when none was reported. */
  usageChunk(): ChatCompletionChunk | undefined {
    const usage = this.reportedUsage;
    return usage && this.answer.usageChunk(usage);
  }

  /** The whole answer the caller was handed, with its usage when reported. */
  completion(): ChatCompletion {
    return this.answer.completion(this.reportedUsage);
  }

  /** The current segment broke; the next chunks come from a continuation. */
  beginContinuation(): void {
    const broken = this.currentSegmentUsage;
    this.earlierUsage = this.earlierUsage ? addUsage(this.earlierUsage, broken) : broken;
    this.segmentUsage = undefined;
    this.segmentText = '';
    this.continuation = true;
  }

  /** After content reached the caller, a provider failure becomes a StreamInterruptedError carrying what arrived. */
  interrupted(error: unknown): unknown {
    if (!this.contentSent || !(error instanceof RouterError) || error instanceof StreamInterruptedError) return error;
    return new StreamInterruptedError(`Stream from ${error.deploymentId ?? 'the provider'} broke after content was sent: ${error.message}`, {
      provider: error.provider,
      deploymentId: error.deploymentId,
      status: error.status,
      cause: error,
      partialText: this.text,
      usage: this.usage,
    });
  }
}
