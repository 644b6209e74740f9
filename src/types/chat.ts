/** OpenAI chat-completion shapes: the lingua franca every provider adapter translates to and from. */

export type ChatRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function';

/** OpenAI's explicit prompt-cache mark on a content part; other providers ignore it. */
export interface PromptCacheBreakpoint {
  mode: 'explicit';
}

export interface TextContentPart {
  type: 'text';
  text: string;
  prompt_cache_breakpoint?: PromptCacheBreakpoint;
}

export interface ImageContentPart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
  prompt_cache_breakpoint?: PromptCacheBreakpoint;
}

export interface AudioContentPart {
  type: 'input_audio';
  input_audio: { data: string; format: 'wav' | 'mp3' };
  prompt_cache_breakpoint?: PromptCacheBreakpoint;
}

export interface FileContentPart {
  type: 'file';
  file: { file_data?: string; file_id?: string; filename?: string };
  prompt_cache_breakpoint?: PromptCacheBreakpoint;
}

/** A refusal the assistant gave earlier, sent back in its message's content. */
export interface RefusalContentPart {
  type: 'refusal';
  refusal: string;
}

export type UserContentPart = TextContentPart | ImageContentPart | AudioContentPart | FileContentPart;

/** A call of a function tool: every adapter's answers carry these. */
export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** A call of a custom (free-text input) tool: OpenAI's, passed on as sent. */
export interface CustomToolCall {
  id: string;
  type: 'custom';
  custom: { name: string; input: string };
}

export interface SystemMessage {
  role: 'system' | 'developer';
  content: string | TextContentPart[];
  name?: string;
}

export interface UserMessage {
  role: 'user';
  content: string | UserContentPart[];
  name?: string;
}

export interface AssistantMessage {
  role: 'assistant';
  content?: string | Array<TextContentPart | RefusalContentPart> | null;
  refusal?: string | null;
  /** The reasoning an answer came with, sent back where a provider wants it (DeepSeek in a tool-call loop); left out for those that refuse it. */
  reasoning_content?: string | null;
  tool_calls?: Array<ToolCall | CustomToolCall>;
  /** OpenAI's deprecated single function call, before `tool_calls`. */
  function_call?: { name: string; arguments: string } | null;
  /** An earlier audio answer, by id. */
  audio?: { id: string } | null;
  name?: string;
}

export interface ToolMessage {
  role: 'tool';
  content: string | TextContentPart[];
  tool_call_id: string;
}

/** OpenAI's deprecated function result, before `role: 'tool'`. */
export interface FunctionMessage {
  role: 'function';
  name: string;
  content: string | null;
}

export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage | FunctionMessage;

export interface FunctionDefinition {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
  strict?: boolean | null;
}

export interface ChatTool {
  type: 'function';
  function: FunctionDefinition;
}

/** OpenAI's custom tool: the model writes free text (or text in a grammar) as its input. */
export interface CustomTool {
  type: 'custom';
  custom: {
    name: string;
    description?: string;
    format?: { type: 'text' } | { type: 'grammar'; grammar: { definition: string; syntax: 'lark' | 'regex' } };
  };
}

/** The tools the model may call this time, out of `tools`; `mode` as `tool_choice`'s `auto` and `required`. */
export interface AllowedToolsChoice {
  type: 'allowed_tools';
  allowed_tools: { mode: 'auto' | 'required'; tools: Array<Record<string, unknown>> };
}

export type ToolChoice =
  'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } } | { type: 'custom'; custom: { name: string } } | AllowedToolsChoice;

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: { name: string; description?: string; schema?: Record<string, unknown>; strict?: boolean | null };
    };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/** The tiers OpenAI answers with; a request may name any tier its provider knows. */
export type ServiceTier = 'auto' | 'default' | 'flex' | 'scale' | 'priority';

/**
 * A chat request in OpenAI's shape: every field of the OpenAI SDK's `ChatCompletionCreateParams` is typed here,
 * so its params (and message, tool and tool-choice types) can be passed as they are. Fields a provider has no
 * counterpart for are not sent to it.
 */
export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean; include_obfuscation?: boolean } | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  stop?: string | string[] | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  seed?: number | null;
  user?: string;
  safety_identifier?: string | null;
  tools?: Array<ChatTool | CustomTool>;
  tool_choice?: ToolChoice;
  parallel_tool_calls?: boolean;
  /** OpenAI's deprecated function calling, before `tools`. */
  functions?: Array<Omit<FunctionDefinition, 'strict'>>;
  function_call?: 'none' | 'auto' | { name: string };
  response_format?: ResponseFormat;
  reasoning_effort?: ReasoningEffort | null;
  verbosity?: 'low' | 'medium' | 'high' | null;
  service_tier?: ServiceTier | (string & {}) | null;
  store?: boolean | null;
  metadata?: Record<string, string> | null;
  modalities?: string[] | null;
  audio?: { format: string; voice: string | { id: string } } | null;
  prediction?: { type: 'content'; content: string | TextContentPart[] } | null;
  prompt_cache_key?: string | null;
  prompt_cache_retention?: 'in_memory' | '24h' | null;
  prompt_cache_options?: { mode?: 'implicit' | 'explicit'; ttl?: string };
  moderation?: { model: string; policy?: { input?: { mode: 'score' | 'block' } | null; output?: { mode: 'score' | 'block' } | null } | null } | null;
  web_search_options?: {
    search_context_size?: 'low' | 'medium' | 'high';
    user_location?: { type: 'approximate'; approximate: { city?: string; country?: string; region?: string; timezone?: string } } | null;
  };
}

export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** `cache_write_tokens` (not in OpenAI's shape): prompt tokens written to the provider's cache (Anthropic, Bedrock). */
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number; cache_write_tokens?: number };
  completion_tokens_details?: {
    reasoning_tokens?: number;
    audio_tokens?: number;
    accepted_prediction_tokens?: number;
    rejected_prediction_tokens?: number;
  };
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

/** One token's log probability, and the likeliest alternatives where `top_logprobs` asked for them. */
export interface TokenLogprob {
  token: string;
  bytes: number[] | null;
  logprob: number;
  top_logprobs: Array<{ token: string; bytes: number[] | null; logprob: number }>;
}

/** Log probabilities of a choice's tokens, where the request asked for them (`logprobs: true`) and the provider gives them. */
export interface ChoiceLogprobs {
  content: TokenLogprob[] | null;
  refusal: TokenLogprob[] | null;
}

export interface ChatCompletionMessage {
  role: 'assistant';
  content: string | null;
  /** The model's refusal, where it gave one (OpenAI); `null` otherwise. */
  refusal: string | null;
  /** The model's reasoning, where the provider returns it (DeepSeek, xAI, Groq's `reasoning`, Mistral's thinking parts). */
  reasoning_content?: string;
  tool_calls?: Array<ToolCall | CustomToolCall>;
  /** Web citations in the text (OpenAI's search models). */
  annotations?: Array<{ type: 'url_citation'; url_citation: { start_index: number; end_index: number; title: string; url: string } }>;
  /** A spoken answer, where `modalities` asked for audio (OpenAI). */
  audio?: { id: string; data: string; expires_at: number; transcript: string } | null;
  /** OpenAI's deprecated single function call, answering `functions`. */
  function_call?: { name: string; arguments: string } | null;
}

export interface ChatCompletionChoice {
  index: number;
  message: ChatCompletionMessage;
  /** Always set on a whole answer: an adapter that is not told why the answer ended gives `stop`. */
  finish_reason: FinishReason;
  logprobs: ChoiceLogprobs | null;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: ChatCompletionChoice[];
  usage?: CompletionUsage;
  /** Left out when the provider sends none (or `null`). */
  system_fingerprint?: string;
  /** The tier that served the request, when it is one of OpenAI's; another provider's tier name is left out. */
  service_tier?: ServiceTier | null;
  /** Added by the router, not enumerable (JSON leaves it out): the call's cost in USD; undefined when no price is known. */
  costUsd?: number;
}

export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface ChatCompletionChunkChoice {
  index: number;
  delta: {
    role?: 'assistant';
    content?: string | null;
    refusal?: string | null;
    /** A piece of the model's reasoning, where the provider streams it (see `ChatCompletionMessage.reasoning_content`). */
    reasoning_content?: string | null;
    tool_calls?: ToolCallDelta[];
    function_call?: { name?: string; arguments?: string };
  };
  finish_reason: FinishReason | null;
  logprobs?: ChoiceLogprobs | null;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: ChatCompletionChunkChoice[];
  usage?: CompletionUsage | null;
  /** Left out when the provider sends none (or `null`). */
  system_fingerprint?: string;
  /** As on `ChatCompletion`. */
  service_tier?: ServiceTier | null;
}
