import type { Deployment } from '../deployments/deployment.js';
import type { ChatCompletionChunk, ChatCompletionRequest } from '../types/chat.js';
import type { StreamSegment } from './stream-segment.js';
import { StreamTracker } from './stream-tracker.js';

/** How a stream tells the router what happened to it. */
export interface StreamHandlers {
  /** A segment broke after its first content: the deployment failed. */
  segmentFailed(deployment: Deployment, error: unknown): void;
  /** Continues on another deployment with the text so far as a prefix; undefined when mid-stream fallback is off. */
  resume: ((partialText: string, error: unknown) => Promise<StreamSegment>) | undefined;
  succeeded(deployment: Deployment, tracker: StreamTracker, completed: boolean): void;
  failed(deployment: Deployment, error: unknown, tracker: StreamTracker): void;
  /** The call's cost so far, undefined without a price. */
  costUsd(): number | undefined;
  /** Milliseconds since the call began, on the router's clock. */
  elapsedMs(): number;
}

/**
 * The caller's view of a streaming completion: iterate it once. Breaking out of the loop
 * or aborting the request's signal releases the connection; the router hears how it ended.
 */
export class ChatCompletionStream implements AsyncIterable<ChatCompletionChunk> {
  private iterated = false;

  constructor(
    readonly requestId: string,
    private segment: StreamSegment,
    private readonly request: ChatCompletionRequest,
    private readonly handlers: StreamHandlers,
  ) {}

  /** The deployment serving the stream (after a mid-stream fallback, the one serving it now). */
  get deploymentId(): string {
    return this.segment.deployment.id;
  }

  /** The stream's cost in USD once it has ended (so far, while it runs); undefined when no price is known. */
  get costUsd(): number | undefined {
    return this.handlers.costUsd();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ChatCompletionChunk, void, undefined> {
    if (this.iterated) throw new Error('A ChatCompletionStream can be iterated only once');
    this.iterated = true;
    const tracker = new StreamTracker(this.handlers.elapsedMs, this.request);
    let ended = false;
    try {
      for (;;) {
        try {
          for await (const chunk of this.segment.chunks) {
            const out = tracker.observe(chunk);
            if (out) yield out;
          }
          ended = true;
          this.segment.release(tracker.currentSegmentUsage);
          this.handlers.succeeded(this.segment.deployment, tracker, true);
          return;
        } catch (error) {
          this.segment.release(tracker.currentSegmentUsage);
          this.handlers.segmentFailed(this.segment.deployment, error);
          this.segment = await this.continueAfter(error, tracker);
          tracker.beginContinuation();
        }
      }
    } catch (error) {
      ended = true;
      const reported = tracker.interrupted(error);
      this.handlers.failed(this.segment.deployment, reported, tracker);
      throw reported;
    } finally {
      this.segment.release(tracker.currentSegmentUsage);
      if (!ended) this.handlers.succeeded(this.segment.deployment, tracker, false);
    }
  }

  private async continueAfter(error: unknown, tracker: StreamTracker): Promise<StreamSegment> {
    if (!this.handlers.resume || !tracker.contentSent) throw error;
    try {
      return await this.handlers.resume(tracker.text, error);
    } catch {
      throw error;
    }
  }
}
