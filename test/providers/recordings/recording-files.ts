import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real provider answers recorded by other projects, kept beside this repository
 * (`../shared/fixtures/provider-recordings`, as CI clones it) and read from there: they
 * are other repositories' data, not copied into this one. PROVENANCE.md there says what
 * each file holds and where it comes from.
 */
export const RECORDINGS_DIR = fileURLToPath(new URL('../../../../shared/fixtures/provider-recordings', import.meta.url));

export const recordingsPresent = existsSync(join(RECORDINGS_DIR, 'PROVENANCE.md'));

/** The provider a folder's recordings come from, as a deployment names it. */
const PROVIDER_OF_FOLDER: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'gemini',
  cohere: 'cohere',
  bedrock: 'bedrock',
  mistral: 'mistral',
  xai: 'xai',
  deepseek: 'deepseek',
  groq: 'groq',
};

/** What a file needs beyond its folder and extension (PROVENANCE.md says why). */
interface FileNote {
  /** The deployment provider when it is not the folder's. */
  provider?: string;
  /** Where the provider's answer sits inside the file. */
  answerAt?: ReadonlyArray<string | number>;
  /** The file holds the raw response body in base64 (here, at this path inside the JSON), served byte for byte. */
  base64At?: ReadonlyArray<string | number>;
}

const NOTES: Readonly<Record<string, FileNote>> = {
  'openai/azure-model-router.1.chunks.txt': { provider: 'azure' },
  'openai/openai-chat-cached-input-tokens-11178.json': { answerAt: ['attempts', 1, 'rawResponseBody'] },
  'anthropic/issue-15580-bare-base-url-live-success.json': { answerAt: ['response', 'body'] },
  'bedrock/issue-18994-live-converse-stream.json': { base64At: ['response', 'bodyBase64'] },
  'bedrock/model-stream-error-exception.eventstream.base64.txt': { base64At: [] },
};

export type RecordingKind =
  /** A whole chat answer (JSON). */
  | 'answer'
  /** A chat stream recorded one event per line. */
  | 'chunks'
  /** A chat stream as raw SSE `data:` lines. */
  | 'sse'
  /** A chat stream as the raw response bytes (base64). */
  | 'raw-stream'
  /** An embeddings answer (JSON). */
  | 'embedding';

export interface Recording {
  /** The path inside the recordings folder, e.g. `openai/openai-text.json`. */
  file: string;
  folder: string;
  provider: string;
  kind: RecordingKind;
  note: FileNote;
}

function kindOf(file: string, note: FileNote): RecordingKind | undefined {
  if (note.base64At) return 'raw-stream';
  if (file.endsWith('.chunks.txt')) return 'chunks';
  if (file.endsWith('.sse')) return 'sse';
  if (file.endsWith('.json')) return /embedding/.test(file) ? 'embedding' : 'answer';
  return undefined;
}

/** Every recording in the folder, in order; a file no rule covers is returned with `kind` undefined so the suite can fail on it. */
export function listRecordings(): Array<Omit<Recording, 'kind'> & { kind: RecordingKind | undefined }> {
  const recordings = [];
  for (const folder of readdirSync(RECORDINGS_DIR, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const name of readdirSync(join(RECORDINGS_DIR, folder.name)).sort()) {
      const file = `${folder.name}/${name}`;
      const note = NOTES[file] ?? {};
      recordings.push({ file, folder: folder.name, provider: note.provider ?? PROVIDER_OF_FOLDER[folder.name] ?? folder.name, kind: kindOf(file, note), note });
    }
  }
  return recordings.sort((a, b) => a.file.localeCompare(b.file));
}

export function readRecording(recording: Recording): string {
  return readFileSync(join(RECORDINGS_DIR, recording.file), 'utf8');
}

function at(value: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce((inner: unknown, key) => (inner as Record<string | number, unknown> | undefined)?.[key], value);
}

/** A JSON recording's answer: the file, or the part the note points at. */
export function answerOf(recording: Recording): unknown {
  return at(JSON.parse(readRecording(recording)), recording.note.answerAt ?? []);
}

/** A stream recording's events, one JSON text per line (blank lines skipped). */
export function linesOf(recording: Recording): string[] {
  return readRecording(recording)
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/**
 * A raw SSE recording's `data:` payloads, in order, without the final `[DONE]` (the OpenAI
 * wire format adds it back). The lines were extracted without the blank line that ends
 * each event on the wire, so each is served as an event of its own.
 */
export function sseDataOf(recording: Recording): string[] {
  return linesOf(recording)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice('data:'.length).trim())
    .filter((data) => data !== '[DONE]');
}

/** A raw-stream recording's bytes. */
export function rawStreamOf(recording: Recording): Buffer {
  const text = readRecording(recording);
  const base64 = recording.note.base64At?.length ? at(JSON.parse(text), recording.note.base64At) : text.trim();
  return Buffer.from(String(base64), 'base64');
}

/** The content type a raw-stream recording was served with, where it says. */
export function rawContentTypeOf(recording: Recording): string {
  if (!recording.note.base64At?.length) return 'application/vnd.amazon.eventstream';
  const contentType = at(JSON.parse(readRecording(recording)), ['response', 'contentType']);
  return typeof contentType === 'string' ? contentType : 'application/vnd.amazon.eventstream';
}
