import type { StreamWireFormat } from '../../support/recording-replay.js';
import type { Expectation } from './expected-answer.js';
import { expectedAnthropicAnswer, expectedAnthropicStream } from './expected-anthropic.js';
import { expectedBedrockAnswer, expectedBedrockRawStream, expectedBedrockStream } from './expected-bedrock.js';
import { expectedCohereAnswer, expectedCohereStream } from './expected-cohere.js';
import { expectedGeminiAnswer, expectedGeminiStream } from './expected-gemini.js';
import { expectedOpenAIAnswer, expectedOpenAIStream } from './expected-openai.js';
import { answerOf, linesOf, rawStreamOf, sseDataOf, type Recording } from './recording-files.js';

/** The wire format a provider answers in; every provider not named speaks OpenAI's. */
export function wireFormatOf(provider: string): StreamWireFormat {
  return provider === 'anthropic' || provider === 'cohere' || provider === 'gemini' || provider === 'bedrock' ? provider : 'openai';
}

type Reader = { answer: (body: never) => Expectation; stream: (events: never[]) => Expectation };

const READERS: Readonly<Record<StreamWireFormat, Reader>> = {
  openai: { answer: (body) => ({ answer: expectedOpenAIAnswer(body) }), stream: (events) => ({ answer: expectedOpenAIStream(events) }) },
  anthropic: { answer: (body) => ({ answer: expectedAnthropicAnswer(body) }), stream: (events) => ({ answer: expectedAnthropicStream(events) }) },
  cohere: { answer: (body) => ({ answer: expectedCohereAnswer(body) }), stream: (events) => ({ answer: expectedCohereStream(events) }) },
  gemini: { answer: expectedGeminiAnswer, stream: expectedGeminiStream },
  bedrock: { answer: (body) => ({ answer: expectedBedrockAnswer(body) }), stream: (events) => ({ answer: expectedBedrockStream(events) }) },
};

/** What a chat recording says its provider meant, read from the recording alone. */
export function expectationOf(recording: Recording): Expectation {
  const reader = READERS[wireFormatOf(recording.provider)];
  switch (recording.kind) {
    case 'answer':
      return reader.answer(answerOf(recording) as never);
    case 'chunks':
      return reader.stream(linesOf(recording).map((line) => JSON.parse(line) as never));
    case 'sse':
      return reader.stream(sseDataOf(recording).map((data) => JSON.parse(data) as never));
    case 'raw-stream':
      return expectedBedrockRawStream(rawStreamOf(recording));
    case 'embedding':
      throw new Error(`${recording.file} is an embeddings answer, not a chat answer`);
  }
}
