import { RouterError } from '../errors/router-error.js';
import { StreamInterruptedError } from '../errors/router-side-errors.js';
import type { ChatCompletionChunk, CompletionUsage } from '../types/chat.js';

/** What a stream has delivered so far: first-content time, text, usage. */
export class StreamTracker {
  ttftMs: number | undefined;
  usage: CompletionUsage | undefined;
  private text = '';

  constructor(private readonly startedAt: number) {}

  get contentSent(): boolean {
    return this.ttftMs !== undefined;
  }

  observe(chunk: ChatCompletionChunk): void {
    if (chunk.usage) this.usage = chunk.usage;
    const delta = chunk.choices[0]?.delta;
    if (!delta) return;
    if (delta.content) this.text += delta.content;
    if (this.ttftMs === undefined && (delta.content || delta.tool_calls || delta.refusal)) {
      this.ttftMs = performance.now() - this.startedAt;
    }
  }

  /** After content reached the caller, a provider failure becomes a StreamInterruptedError carrying what arrived. */
  interrupted(error: unknown): unknown {
    if (!this.contentSent || !(error instanceof RouterError)) return error;
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
