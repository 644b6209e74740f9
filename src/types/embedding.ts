/** OpenAI embedding shapes, which every provider's embeddings are translated to. */

export interface EmbeddingRequest {
  model: string;
  /** One text or several (token arrays are passed through to providers that take them). */
  input: string | string[] | number[] | number[][];
  dimensions?: number;
  encoding_format?: 'float' | 'base64';
  user?: string;
}

export interface Embedding {
  object: 'embedding';
  index: number;
  embedding: number[];
}

export interface EmbeddingResponse {
  object: 'list';
  data: Embedding[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
  /** Added by the router, not enumerable (JSON leaves it out): the call's cost in USD; undefined when no price is known. */
  costUsd?: number;
}
