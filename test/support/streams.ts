import type { ChatCompletionChunk } from 'switchyard';

export async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

export function textOf(chunks: readonly ChatCompletionChunk[]): string {
  return chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
}

/** The streamed tool calls put together: each call's id and name, and its argument fragments joined. */
export function toolCallsOf(chunks: readonly ChatCompletionChunk[]): Array<{ id: string; name: string; arguments: string }> {
  const calls: Array<{ id: string; name: string; arguments: string }> = [];
  for (const delta of chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])) {
    const call = (calls[delta.index] ??= { id: '', name: '', arguments: '' });
    call.id ||= delta.id ?? '';
    call.name ||= delta.function?.name ?? '';
    call.arguments += delta.function?.arguments ?? '';
  }
  return calls;
}
