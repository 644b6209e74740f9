import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { MockReply } from './mock-replies.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** One ConverseStream frame: an event, or an exception (`:exception-type`) as AWS sends it in the stream. */
export function bedrockFrame(type: string, payload: unknown, messageType: 'event' | 'exception' = 'event'): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: messageType },
      [messageType === 'exception' ? ':exception-type' : ':event-type']: { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** Frames joined, then cut at odd places (inside a frame's prelude, its headers, its body), as TCP may deliver them. */
export function bedrockEventStream(frames: readonly Uint8Array[]): MockReply {
  const all = Buffer.concat(frames);
  const cuts = [0, 3, 11, 50, 101, 257, all.length].filter((at, i, list) => at <= all.length && (i === 0 || at > (list[i - 1] ?? 0)));
  const pieces = cuts.slice(1).map((end, i) => all.subarray(cuts[i], end));
  return { kind: 'bytes', pieces, contentType: 'application/vnd.amazon.eventstream' };
}
