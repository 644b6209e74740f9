import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { MockReply } from './mock-replies.js';

/** How a provider frames a stream on the wire. */
export type StreamWireFormat = 'openai' | 'anthropic' | 'cohere' | 'gemini' | 'bedrock';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** Piece sizes, in turn: odd, small and prime, so cuts land inside SSE lines, frame headers and multi-byte characters. */
const PIECE_SIZES = [7, 13, 1, 31, 3, 127, 509];

/**
 * `bytes` cut at odd places, as TCP may deliver them: the sizes above in turn, plus a cut
 * inside the first multi-byte UTF-8 character, so a decoder that decodes each piece on
 * its own breaks at least once.
 */
export function oddPieces(bytes: Uint8Array): Uint8Array[] {
  const cuts = new Set<number>();
  for (let at = 0, i = 0; at < bytes.length; i++) {
    cuts.add(at);
    at += PIECE_SIZES[i % PIECE_SIZES.length] as number;
  }
  const multiByte = bytes.findIndex((byte) => byte >= 0xc0);
  if (multiByte >= 0) cuts.add(multiByte + 1);
  const starts = [...cuts].sort((a, b) => a - b);
  return starts.map((start, i) => bytes.subarray(start, starts[i + 1] ?? bytes.length));
}

/** One AWS event-stream frame (ConverseStream's binary framing). */
export function awsEventFrame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/**
 * A stream recorded one event per line (each line the event's JSON) back in its provider's
 * wire format: OpenAI-style `data:` lines ending in `[DONE]`, Anthropic and Cohere with
 * `event:` names (the event's `type`), Gemini's `data:` lines with CRLF, Bedrock's
 * `{ "<eventType>": payload }` lines as binary event-stream frames.
 */
export function streamBody(format: StreamWireFormat, lines: readonly string[]): { body: Uint8Array; contentType: string } {
  if (format === 'bedrock') {
    const frames = lines.map((line) => {
      const [[eventType, payload]] = Object.entries(JSON.parse(line) as Record<string, unknown>) as [[string, unknown]];
      return awsEventFrame(eventType, payload);
    });
    return { body: Buffer.concat(frames), contentType: 'application/vnd.amazon.eventstream' };
  }
  const events = lines.map((line) => {
    switch (format) {
      case 'anthropic':
      case 'cohere':
        return `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`;
      case 'gemini':
        return `data: ${line}\r\n\r\n`;
      case 'openai':
        return `data: ${line}\n\n`;
    }
  });
  if (format === 'openai') events.push('data: [DONE]\n\n');
  return { body: fromUtf8(events.join('')), contentType: 'text/event-stream' };
}

/** A reply serving `body` in odd pieces, each flushed before the next. */
export function replayReply(body: Uint8Array, contentType: string): MockReply {
  return { kind: 'bytes', pieces: oddPieces(body), contentType, paced: true };
}
