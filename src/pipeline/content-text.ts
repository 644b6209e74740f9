import type { ChatCompletion, ChatCompletionChoice } from '../types/chat.js';

/**
 * Only strings are text. Adapters of the user's own (`kind: 'local'`, or HTTP adapters) can hand back
 * content in other shapes (parts, objects, numbers); what reaches the caller, a stream's text and a
 * fallback's prefix is the text that content holds, never `String(object)`.
 */

/** The text a content value holds: itself if a string, a text part's `text`, those of an array joined; never `String(object)`. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(contentText).join('');
  const part = content as { type?: unknown; text?: unknown } | null;
  return typeof part === 'object' && part !== null && (part.type === undefined || part.type === 'text') && typeof part.text === 'string' ? part.text : '';
}

const plainMessage = (choice: ChatCompletionChoice) => typeof choice?.message?.content === 'string' || choice?.message?.content === null;

/** A whole answer whose `message.content` is a string or null on every choice: the same object when it already is. */
export function withTextContent(completion: ChatCompletion): ChatCompletion {
  const choices = completion?.choices;
  if (!Array.isArray(choices) || choices.every(plainMessage)) return completion;
  return {
    ...completion,
    choices: choices.map((choice) => {
      if (plainMessage(choice) || typeof choice?.message !== 'object' || choice.message === null) return choice;
      const content = choice.message.content === undefined ? null : contentText(choice.message.content);
      return { ...choice, message: { ...choice.message, content } };
    }),
  };
}
