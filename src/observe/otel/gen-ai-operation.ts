/** The `gen_ai.operation.name` values switchyard's calls map to. */
export type GenAiOperation = 'chat' | 'embeddings';

const EMBEDDING_MODEL = /embed/i;

/**
 * The router's events do not say whether a call came from `completion` or `embedding`,
 * so the model names decide: embedding models carry "embed" in their names
 * (text-embedding-3-small, embed-english-v3.0, amazon.titan-embed-text-v2, mistral-embed).
 */
export function operationOf(model: string, providerModel: string | undefined): GenAiOperation {
  return EMBEDDING_MODEL.test(model) || (providerModel !== undefined && EMBEDDING_MODEL.test(providerModel)) ? 'embeddings' : 'chat';
}
