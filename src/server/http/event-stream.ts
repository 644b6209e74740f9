import { errorAnswer } from './error-answer.js';
import type { ResponseSink } from './exchange.js';

/**
 * Writes each chunk as a server-sent event the moment it arrives, waiting only when the client's
 * buffer is full; ends with `data: [DONE]`, or, when the stream fails after it started, with
 * `data: {"error": …}` (as OpenAI does, so SDKs throw). A client that left gets nothing more: the
 * abort of its call is what ends the loop.
 */
export async function writeEventStream(sink: ResponseSink, chunks: AsyncIterable<unknown>, signal: AbortSignal): Promise<void> {
  try {
    for await (const chunk of chunks) {
      if (!sink.write(`data: ${JSON.stringify(chunk)}\n\n`)) await sink.drained();
    }
    sink.write('data: [DONE]\n\n');
  } catch (error) {
    if (!signal.aborted) sink.write(`data: ${JSON.stringify(errorAnswer(error).body)}\n\n`);
  }
  sink.end();
}
