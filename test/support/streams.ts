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

/**
 * Where a stream's chunks hold something other than a string in a text field (content, reasoning_content, a tool call's
 * id, name or argument fragment): `[]` when every one is a string or absent.
 */
export function nonStringTexts(chunks: readonly ChatCompletionChunk[]): string[] {
  const found: string[] = [];
  const check = (value: unknown, where: string) => {
    if (value !== undefined && value !== null && typeof value !== 'string') found.push(`${where}: ${JSON.stringify(value)}`);
  };
  chunks.forEach((chunk, i) => {
    for (const choice of chunk.choices) {
      check(choice.delta.content, `chunk ${i} content`);
      check(choice.delta.reasoning_content, `chunk ${i} reasoning_content`);
      for (const call of choice.delta.tool_calls ?? []) {
        check(call.id, `chunk ${i} tool call id`);
        check(call.function?.name, `chunk ${i} tool call name`);
        check(call.function?.arguments, `chunk ${i} tool call arguments`);
      }
    }
  });
  return found;
}
