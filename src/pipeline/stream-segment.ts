import type { Deployment } from '../deployments/deployment.js';
import type { ChatCompletionChunk, CompletionUsage } from '../types/chat.js';
import type { OpenStream } from './call-deployment.js';

/** A stream from one deployment, already past its first content: what the caller reads. */
export interface StreamSegment {
  deployment: Deployment;
  chunks: AsyncIterable<ChatCompletionChunk>;
  /** Lets go of the connection and the deployment; `usage` is what the segment reported, if it did. Safe to call twice. */
  release(usage?: CompletionUsage): void;
}

function startsTheAnswer(chunk: ChatCompletionChunk): boolean {
  if (chunk.usage) return true;
  const choice = chunk.choices[0];
  if (!choice) return false;
  const { delta } = choice;
  return Boolean(choice.finish_reason || delta.content || delta.tool_calls?.length || delta.refusal);
}

async function* replay(buffered: ChatCompletionChunk[], rest: AsyncIterator<ChatCompletionChunk>): AsyncGenerator<ChatCompletionChunk> {
  try {
    yield* buffered;
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await rest.return?.();
  }
}

/**
 * Reads a fresh stream up to its first content. A failure before that point is an
 * ordinary failed attempt (retried or failed over, unseen by the caller); after it,
 * the caller has the segment.
 */
export async function primeStream(open: OpenStream, deployment: Deployment): Promise<StreamSegment> {
  const buffered: ChatCompletionChunk[] = [];
  try {
    for (;;) {
      const next = await open.chunks.next();
      if (next.done) break;
      buffered.push(next.value);
      if (startsTheAnswer(next.value)) break;
    }
  } catch (error) {
    open.release();
    throw error;
  }
  return { deployment, chunks: replay(buffered, open.chunks), release: () => open.release() };
}
