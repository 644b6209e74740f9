import type { Deployment } from '../deployments/deployment.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '../types/chat.js';
import type { StreamSegment } from './stream-segment.js';
import { StreamTracker } from './stream-tracker.js';
import { withCost } from './with-cost.js';

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

/** How the stream ended: with its last chunk, or with an error (the caller's own stop included). */
type StreamEnd = { completed: true } | { completed: false; error: unknown };

const STOPPED_EARLY = 'finalChatCompletion(): the stream was stopped before its end (its reader broke out or cancelled), so there is no whole answer';

/**
 * The caller's view of a streaming completion: iterate it once, or let `finalChatCompletion()`
 * or `toReadableStream()` read it. Breaking out of the loop or aborting the request's signal
 * releases the connection; the router hears how it ended.
 */
export class ChatCompletionStream implements AsyncIterable<ChatCompletionChunk> {
  private iterated = false;
  private tracker: StreamTracker | undefined;
  private end: StreamEnd | undefined;
  private final: Promise<ChatCompletion> | undefined;
  private settleFinal: ((end: StreamEnd) => void) | undefined;

  constructor(
    /** The router's id for this call, as in its events. */
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

  /**
   * The whole answer once the stream has ended, as a non-streaming call gives it: the text the
   * caller was handed, tool calls with their arguments joined, the finish reason, usage and a
   * non-enumerable `costUsd`. When nothing has begun to read the stream by the next turn of the
   * event loop, this reads it to its end. Rejects with the stream's error when it fails, and when
   * its reader stops before the end.
   */
  finalChatCompletion(): Promise<ChatCompletion> {
    if (this.final) return this.final;
    this.final = new Promise<ChatCompletion>((resolve, reject) => {
      this.settleFinal = (end) => (end.completed ? resolve(this.completion()) : reject(end.error));
    });
    // A caller whose own loop met the error may never await this promise: its rejection must not crash the process.
    this.final.catch(() => undefined);
    if (this.end) this.settleFinal?.(this.end);
    else if (!this.iterated) this.readToEnd();
    return this.final;
  }

  /**
   * The chunks as a web `ReadableStream` of bytes, one JSON chunk per line (what openai-node's
   * `toReadableStream()` gives, and its `ChatCompletionStream.fromReadableStream()` reads): return it
   * from a route handler. Cancelling it stops the stream as breaking out of a loop does.
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    const chunks = this[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return();
      },
    });
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ChatCompletionChunk, void, undefined> {
    if (this.iterated) throw new Error('A ChatCompletionStream can be iterated only once');
    this.iterated = true;
    const tracker = (this.tracker = new StreamTracker(this.handlers.elapsedMs, this.request));
    let ended = false;
    try {
      for (;;) {
        try {
          for await (const chunk of this.segment.chunks) {
            const out = tracker.observe(chunk);
            if (out) yield out;
          }
          this.segment.release(tracker.currentSegmentUsage);
          const usageChunk = this.request.stream_options?.include_usage ? tracker.usageChunk() : undefined;
          if (usageChunk) yield usageChunk;
          ended = true;
          this.handlers.succeeded(this.segment.deployment, tracker, true);
          this.ended({ completed: true });
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
      this.ended({ completed: false, error: reported });
      throw reported;
    } finally {
      this.segment.release(tracker.currentSegmentUsage);
      if (!ended) {
        this.handlers.succeeded(this.segment.deployment, tracker, false);
        this.ended({ completed: false, error: new Error(STOPPED_EARLY) });
      }
    }
  }

  private ended(end: StreamEnd): void {
    this.end = end;
    this.settleFinal?.(end);
  }

  /**
   * Reads the stream for `finalChatCompletion()` when nothing else has started to by the next turn of the
   * event loop (so a loop begun right after the call still gets every chunk); how it ends reaches that promise.
   */
  private readToEnd(): void {
    setImmediate(() => {
      if (this.iterated) return;
      const read = async () => {
        for await (const _chunk of this);
      };
      read().catch(() => undefined);
    });
  }

  private completion(): ChatCompletion {
    return withCost((this.tracker as StreamTracker).completion(), this.costUsd);
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
