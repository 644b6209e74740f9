import { createHash } from 'node:crypto';
import type { LocalEmbedAdapter } from '../../src/provider-adapter.js';
import { mockDelay, mockFailure, mockParams } from './mock-reply.js';

const DEFAULT_DIMENSIONS = 8;

/** A repeatable unit vector for a text: the same text always embeds the same. */
function vectorOf(text: string, dimensions: number): number[] {
  const digest = createHash('sha256').update(text).digest();
  const raw = Array.from({ length: dimensions }, (_, i) => (digest[i % digest.length] as number) / 255 - 0.5);
  const norm = Math.hypot(...raw) || 1;
  return raw.map((value) => value / norm);
}

export const mockEmbed: LocalEmbedAdapter = {
  kind: 'local',
  async embed(request, target, context) {
    const params = mockParams(target);
    await mockDelay(params.latencyMs, context);
    const failure = mockFailure(params, target, context);
    if (failure) throw failure;
    const inputs = Array.isArray(request.input) ? request.input : [request.input];
    const texts = inputs.map((input) => (typeof input === 'string' ? input : JSON.stringify(input)));
    const tokens = texts.reduce((sum, text) => sum + Math.max(1, Math.ceil(text.length / 4)), 0);
    return {
      object: 'list',
      data: texts.map((text, index) => ({ object: 'embedding', index, embedding: vectorOf(text, request.dimensions ?? DEFAULT_DIMENSIONS) })),
      model: target.providerModel,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  },
};
