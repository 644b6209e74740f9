import type { EventStreamCodec } from '@smithy/eventstream-codec';
import type { SseEvent } from '../provider-adapter.js';

interface AwsEventStreamCodec {
  codec: EventStreamCodec;
  toUtf8: (bytes: Uint8Array) => string;
}

let loading: Promise<AwsEventStreamCodec> | undefined;

/** AWS's event-stream codec, imported on first use: only routers that stream from Bedrock load it. */
export function loadAwsEventStreamCodec(): Promise<AwsEventStreamCodec> {
  loading ??= Promise.all([import('@smithy/eventstream-codec'), import('@smithy/util-utf8')]).then(([{ EventStreamCodec }, { fromUtf8, toUtf8 }]) => ({
    codec: new EventStreamCodec(toUtf8, fromUtf8),
    toUtf8,
  }));
  return loading;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

type Headers = ReturnType<EventStreamCodec['decode']>['headers'];

/**
 * One frame as an event. An `error` frame (a failure of the stream itself) names its code and
 * message in headers and may have no body: it becomes an exception event whose data is
 * `{ message }`, so adapters read it as they read an exception's body.
 */
function eventOf(headers: Headers, body: string): SseEvent {
  const header = (name: string) => String(headers[name]?.value ?? '');
  switch (header(':message-type')) {
    case 'exception':
      return { event: `exception:${header(':exception-type')}`, data: body };
    case 'error':
      return { event: `exception:${header(':error-code')}`, data: body || JSON.stringify({ message: header(':error-message') }) };
    default:
      return { event: header(':event-type'), data: body };
  }
}

/**
 * AWS's binary event stream (Bedrock's ConverseStream) as the same events SSE gives the
 * adapters: `event` is the `:event-type` header, or `exception:<type>` for an exception or
 * error message; `data` the UTF-8 payload. Each frame starts with its total length.
 */
export async function* readAwsEventStream(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const { codec, toUtf8 } = await loadAwsEventStreamCodec();
  let buffer: Uint8Array = new Uint8Array(0);
  for await (const bytes of body) {
    buffer = concat(buffer, bytes);
    while (buffer.length >= 4) {
      const length = new DataView(buffer.buffer, buffer.byteOffset, 4).getUint32(0);
      if (buffer.length < length) break;
      const message = codec.decode(buffer.subarray(0, length));
      buffer = buffer.subarray(length);
      yield eventOf(message.headers, toUtf8(message.body));
    }
  }
}
