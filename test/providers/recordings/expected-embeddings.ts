/** An embeddings recording's vectors and the input tokens its provider reported (undefined: none). */
export interface ExpectedEmbeddings {
  vectors: number[][];
  promptTokens: number | undefined;
}

interface RecordedEmbeddings {
  /** OpenAI and Mistral. */
  data?: Array<{ embedding: number[] }>;
  usage?: { prompt_tokens?: number };
  /** Cohere v2 `/embed` (`embeddings.float`) and Gemini `batchEmbedContents` (`embeddings[].values`). */
  embeddings?: { float?: number[][] } | Array<{ values: number[] }>;
  meta?: { billed_units?: { input_tokens?: number } };
  usageMetadata?: { promptTokenCount?: number };
}

export function expectedEmbeddings(body: RecordedEmbeddings): ExpectedEmbeddings {
  if (body.data) return { vectors: body.data.map((item) => item.embedding), promptTokens: body.usage?.prompt_tokens };
  if (Array.isArray(body.embeddings)) return { vectors: body.embeddings.map((item) => item.values), promptTokens: body.usageMetadata?.promptTokenCount };
  return { vectors: body.embeddings?.float ?? [], promptTokens: body.meta?.billed_units?.input_tokens };
}
