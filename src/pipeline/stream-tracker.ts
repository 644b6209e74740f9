import { RouterError } from '../errors/router-error.js';
import { StreamInterruptedError } from '../errors/router-side-errors.js';
import { addUsage, estimatedUsage } from '../tokens/estimate-tokens.js';
import type { ChatCompletionChunk, ChatCompletionRequest, CompletionUsage } from '../types/chat.js';
import { contentText } from './content-text.js';

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

/** What a stream has delivered so far across its segments: first-content time, text, usage. */
export class StreamTracker {
  ttftMs: number | undefined;
  /** Text of all segments so far. */
  text = '';
  private segmentText = '';
  private segmentUsage: CompletionUsage | undefined;
  /** Usage of the segments before the current one (reported, or estimated when a segment broke before reporting). */
  private earlierUsage: CompletionUsage | undefined;
  private continuation = false;

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
   * The chunk to hand the caller (usage merged across segments), or undefined to drop a continuation's opening role chunk.
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
      if (this.earlierUsage) return { ...chunk, usage: addUsage(this.earlierUsage, chunk.usage) };
    }
    if (this.continuation && delta && !delta.content && !delta.tool_calls && !delta.refusal && !chunk.choices[0]?.finish_reason && !chunk.usage) {
      return undefined;
    }
    return chunk;
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
