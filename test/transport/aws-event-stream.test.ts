import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { describe, expect, it } from 'vitest';
import { readAwsEventStream } from '../../src/transport/aws-event-stream.js';
import { bedrockFrame } from '../support/bedrock-frames.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** An `error` frame: AWS names a failure of the stream itself in headers, with an empty body. */
function errorFrame(code: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'error' },
      ':error-code': { type: 'string', value: code },
      ':error-message': { type: 'string', value: message },
    },
    body: new Uint8Array(0),
  });
}

async function eventsOf(frames: Uint8Array[]) {
  async function* oneByteAtATime() {
    for (const byte of Buffer.concat(frames)) yield Uint8Array.of(byte);
  }
  const events = [];
  for await (const event of readAwsEventStream(oneByteAtATime())) events.push(event);
  return events;
}

describe('readAwsEventStream', () => {
  it('reads events, exceptions and error frames, whatever the byte boundaries', async () => {
    const events = await eventsOf([
      bedrockFrame('contentBlockDelta', { delta: { text: 'hi' } }),
      bedrockFrame('throttlingException', { message: 'slow down' }, 'exception'),
      errorFrame('InternalFailure', 'the stream broke'),
    ]);
    expect(events).toEqual([
      { event: 'contentBlockDelta', data: JSON.stringify({ delta: { text: 'hi' } }) },
      { event: 'exception:throttlingException', data: JSON.stringify({ message: 'slow down' }) },
      { event: 'exception:InternalFailure', data: JSON.stringify({ message: 'the stream broke' }) },
    ]);
  });
});
