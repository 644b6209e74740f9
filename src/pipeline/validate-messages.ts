import { rejectField } from './invalid-input.js';
import { isRecord } from './is-record.js';

const ROLES = 'system, developer, user, assistant, tool, function';
const MESSAGES_EXAMPLE = 'expected a non-empty array such as [{ role: "user", content: "hi" }]';
const PARTS_EXAMPLE = 'a string or an array of content parts such as [{ type: "text", text: "hi" }]';

type Fields = Record<string, unknown>;

/**
 * Content parts: each an object with a `type`; the parts OpenAI defines need their own
 * field. Other types (a server's `video_url`) pass, for the adapters that know them.
 */
function checkParts(content: unknown, param: string, role: string): void {
  if (content === undefined) rejectField(param, `is required for a ${role} message: pass ${PARTS_EXAMPLE}`);
  if (!Array.isArray(content)) rejectField(param, `expected ${PARTS_EXAMPLE}`, content);
  if (content.length === 0) rejectField(param, `expected ${PARTS_EXAMPLE}, got an empty array`);
  for (let j = 0; j < content.length; j++) {
    const part: unknown = content[j];
    if (!isRecord(part) || typeof part.type !== 'string') rejectField(`${param}[${j}]`, 'expected a content part such as { type: "text", text: "hi" }', part);
    if (part.type === 'text' && typeof part.text !== 'string') rejectField(`${param}[${j}].text`, 'expected a string', part.text);
    else if (part.type === 'refusal' && typeof part.refusal !== 'string') rejectField(`${param}[${j}].refusal`, 'expected a string', part.refusal);
    else if (part.type === 'image_url' && !(isRecord(part.image_url) && typeof part.image_url.url === 'string')) {
      rejectField(`${param}[${j}].image_url`, 'expected { url } with an https: or data: URL', part.image_url);
    }
  }
}

function checkToolCalls(calls: unknown, param: string): void {
  if (!Array.isArray(calls)) rejectField(param, 'expected an array of tool calls such as { id, type: "function", function: { name, arguments } }', calls);
  for (let j = 0; j < calls.length; j++) {
    const call: unknown = calls[j];
    if (!isRecord(call)) rejectField(`${param}[${j}]`, 'expected a tool call such as { id, type: "function", function: { name, arguments } }', call);
    if (call.type !== 'function' && call.type !== undefined) continue;
    const fn = call.function;
    if (!isRecord(fn) || typeof fn.name !== 'string')
      rejectField(`${param}[${j}].function.name`, 'expected the name of the function called', isRecord(fn) ? fn.name : fn);
    if (typeof fn.arguments !== 'string') {
      rejectField(`${param}[${j}].function.arguments`, 'expected the arguments as a JSON string (JSON.stringify them)', fn.arguments);
    }
  }
}

/** What a message of each role needs, as OpenAI checks it. */
function checkMessage(message: Fields, i: number): void {
  const { role, content } = message;
  switch (role) {
    case 'user':
    case 'system':
    case 'developer':
      checkParts(content, `messages[${i}].content`, role);
      break;
    case 'tool':
      if (typeof content !== 'string') checkParts(content, `messages[${i}].content`, role);
      if (typeof message.tool_call_id !== 'string') {
        rejectField(`messages[${i}].tool_call_id`, 'expected the id of the tool call this message answers', message.tool_call_id);
      }
      break;
    case 'assistant':
      // Content may be left out when the turn holds something else: tool calls, an audio reference, a refusal.
      if (content === undefined || content === null) {
        const other = message.tool_calls ?? message.function_call ?? message.audio ?? message.refusal;
        if (other === undefined || other === null) {
          rejectField(`messages[${i}].content`, `is required for an assistant message without tool_calls: pass ${PARTS_EXAMPLE}`);
        }
      } else if (typeof content !== 'string') checkParts(content, `messages[${i}].content`, role);
      if (message.tool_calls !== undefined && message.tool_calls !== null) checkToolCalls(message.tool_calls, `messages[${i}].tool_calls`);
      break;
    case 'function':
      if (typeof content !== 'string' && content !== null && content !== undefined) rejectField(`messages[${i}].content`, 'expected a string or null', content);
      if (typeof message.name !== 'string') rejectField(`messages[${i}].name`, 'expected the name of the function whose result this is', message.name);
      break;
    default:
      rejectField(`messages[${i}].role`, `expected one of ${ROLES}`, role);
  }
}

/** Every message checked; the usual one (a role and a string content) costs a few comparisons. */
export function validateMessages(messages: unknown): void {
  if (!Array.isArray(messages)) rejectField('messages', MESSAGES_EXAMPLE, messages);
  if (messages.length === 0) rejectField('messages', `${MESSAGES_EXAMPLE}, got an empty array`);
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    if (!isRecord(message)) rejectField(`messages[${i}]`, 'expected a message such as { role: "user", content: "hi" }', message);
    const { role } = message;
    const usual =
      typeof message.content === 'string' &&
      (role === 'user' || role === 'system' || role === 'developer' || (role === 'assistant' && message.tool_calls === undefined));
    if (!usual) checkMessage(message, i);
    if (message.name !== undefined && typeof message.name !== 'string') rejectField(`messages[${i}].name`, 'expected a string', message.name);
  }
}
