import type { ChatCompletionChunk } from '../types/chat.js';
import type { OpenStream } from './call-deployment.js';
import { StreamTracker } from './stream-tracker.js';

/** How a stream reports its end to the router. */
export interface StreamOutcomeReporter {
  succeeded(tracker: StreamTracker, completed: boolean): void;
  failed(error: unknown, tracker: StreamTracker): void;
}

/**
 * The caller's view of a streaming completion: iterate it once. Breaking out of the loop
 * or aborting the request's signal releases the connection; the router hears how it ended.
 */
export class ChatCompletionStream implements AsyncIterable<ChatCompletionChunk> {
  private iterated = false;

  constructor(
    readonly requestId: string,
    readonly deploymentId: string,
    private readonly open: OpenStream,
    private readonly startedAt: number,
    private readonly reporter: StreamOutcomeReporter,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<ChatCompletionChunk, void, undefined> {
    if (this.iterated) throw new Error('A ChatCompletionStream can be iterated only once');
    this.iterated = true;
    const tracker = new StreamTracker(this.startedAt);
    let ended = false;
    try {
      for await (const chunk of this.open.chunks) {
        tracker.observe(chunk);
        yield chunk;
      }
      ended = true;
      this.reporter.succeeded(tracker, true);
    } catch (error) {
      ended = true;
      const reported = tracker.interrupted(error);
      this.reporter.failed(reported, tracker);
      throw reported;
    } finally {
      this.open.release();
      if (!ended) this.reporter.succeeded(tracker, false);
    }
  }
}
