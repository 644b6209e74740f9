import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { SseEvent } from '../provider-adapter.js';

/** Server-sent events from a byte stream, in order, as they complete. */
export async function* readServerSentEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const pending: SseEvent[] = [];
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      pending.push({ event: message.event, data: message.data });
    },
  });
  const decoder = new TextDecoder();
  for await (const bytes of body) {
    parser.feed(decoder.decode(bytes, { stream: true }));
    while (pending.length > 0) yield pending.shift() as SseEvent;
  }
  parser.feed(decoder.decode());
  while (pending.length > 0) yield pending.shift() as SseEvent;
}
