import { describe, expect, it } from 'vitest';
import * as switchyard from 'switchyard';
import { rejectionOf } from '../../support/errors.js';
import { replayReply, streamBody } from '../../support/recording-replay.js';
import { routerOnMockServer } from '../../support/routers.js';
import { collect } from '../../support/streams.js';
import { answerSummary, expectedSummary, streamSummary, type AnswerSummary } from './answer-summary.js';
import type { ExpectedFailure } from './expected-answer.js';
import { expectedEmbeddings } from './expected-embeddings.js';
import { RECORDED_MODEL, recordingDeployment } from './recording-deployment.js';
import { expectationOf, wireFormatOf } from './recording-expectation.js';
import {
  answerOf,
  linesOf,
  listRecordings,
  rawContentTypeOf,
  rawStreamOf,
  readRecording,
  RECORDINGS_DIR,
  recordingsPresent,
  sseDataOf,
  type Recording,
} from './recording-files.js';

const messages = [{ role: 'user' as const, content: 'hi' }];

/** The recording as its provider sent it on the wire. */
function wireOf(recording: Recording): { body: Uint8Array; contentType: string } {
  switch (recording.kind) {
    case 'answer':
      return { body: Buffer.from(recording.note.answerAt ? JSON.stringify(answerOf(recording)) : readRecording(recording)), contentType: 'application/json' };
    case 'embedding':
      return { body: Buffer.from(readRecording(recording)), contentType: 'application/json' };
    case 'chunks':
      return streamBody(wireFormatOf(recording.provider), linesOf(recording));
    case 'sse':
      return streamBody('openai', sseDataOf(recording));
    case 'raw-stream':
      return { body: rawStreamOf(recording), contentType: rawContentTypeOf(recording) };
  }
}

async function routerReplaying(recording: Recording) {
  const { body, contentType } = wireOf(recording);
  const { router } = await routerOnMockServer(replayReply(body, contentType), (server) => recordingDeployment(recording.provider, server), { retries: 0 });
  return router;
}

function expectFailure(error: unknown, failure: ExpectedFailure): void {
  expect(error, 'the answer should have failed').toBeInstanceOf(switchyard.RouterError);
  const { status, retryable } = error as switchyard.RouterError;
  expect({ error: (error as Error).constructor.name, status, retryable }).toEqual(failure);
  expect(error).toBeInstanceOf(switchyard[failure.error]);
}

/** The stream's summary: its usage only in a last chunk without choices (where reported), and `finalChatCompletion()` the same answer. */
async function streamedSummary(router: switchyard.Router): Promise<AnswerSummary> {
  const stream = await router.completion({ model: RECORDED_MODEL, messages, stream: true, stream_options: { include_usage: true } });
  const chunks = await collect(stream);
  expect(chunks.slice(0, -1).filter((chunk) => chunk.usage)).toEqual([]);
  if (chunks.at(-1)?.usage) expect(chunks.at(-1)?.choices).toEqual([]);
  const summary = streamSummary(chunks);
  expect(answerSummary(await stream.finalChatCompletion()), 'finalChatCompletion()').toEqual(summary);
  return summary;
}

async function replayChat(recording: Recording): Promise<void> {
  const expectation = expectationOf(recording);
  const router = await routerReplaying(recording);
  const streamed = recording.kind !== 'answer';
  const outcome = streamed ? streamedSummary(router) : router.completion({ model: RECORDED_MODEL, messages }).then(answerSummary);
  if ('failure' in expectation) return expectFailure(await rejectionOf(outcome), expectation.failure);
  expect(await outcome).toEqual(expectedSummary(expectation.answer));
}

async function replayEmbeddings(recording: Recording): Promise<void> {
  const expected = expectedEmbeddings(answerOf(recording) as never);
  const router = await routerReplaying(recording);
  const input = expected.vectors.map((_, i) => `text ${i + 1}`);
  const response = await router.embedding({ model: RECORDED_MODEL, input });
  expect(response.data.map((item) => item.embedding)).toEqual(expected.vectors);
  expect(response.data.map((item) => item.index)).toEqual(input.map((_, i) => i));
  const { prompt_tokens, total_tokens } = response.usage;
  if (expected.promptTokens !== undefined)
    expect({ prompt_tokens, total_tokens }).toEqual({ prompt_tokens: expected.promptTokens, total_tokens: expected.promptTokens });
}

if (!recordingsPresent) {
  const reason = `provider recordings: skipped, ${RECORDINGS_DIR} is absent (CI clones ../shared beside the repository)`;
  console.warn(reason);
  describe.skip(reason, () => {
    it('replays every recording through its adapter', () => {});
  });
} else {
  const recordings = listRecordings();

  describe('provider recordings, replayed over loopback in odd pieces', () => {
    it('has a replay rule for every file', () => {
      expect(recordings.filter((r) => r.kind === undefined).map((r) => r.file)).toEqual([]);
    });

    for (const provider of [...new Set(recordings.map((r) => r.provider))]) {
      describe(provider, () => {
        for (const recording of recordings.filter((r): r is Recording => r.provider === provider && r.kind !== undefined)) {
          it(recording.file, () => (recording.kind === 'embedding' ? replayEmbeddings(recording) : replayChat(recording)));
        }
      });
    }
  });
}
