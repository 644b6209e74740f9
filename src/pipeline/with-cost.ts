/** Puts a call's cost on its answer, left out of JSON so the answer can be passed on as the provider's shape. */
export function withCost<T extends { costUsd?: number }>(response: T, costUsd: number | undefined): T {
  Object.defineProperty(response, 'costUsd', { value: costUsd, enumerable: false, writable: true, configurable: true });
  return response;
}
