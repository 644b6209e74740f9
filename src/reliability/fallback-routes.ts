import * as z from 'zod';
import { nonEmptyString } from '../config/schema-helpers.js';
import type { FailureKind } from './failure-kind.js';

export type FallbackMap = Record<string, string[]>;

export interface FallbackRoutes {
  fallbacks: FallbackMap;
  contextWindowFallbacks: FallbackMap | undefined;
  contentPolicyFallbacks: FallbackMap | undefined;
  defaultFallbacks: string[];
  maxFallbacks: number;
}

export const fallbackMapSchema = z.lazy(() =>
  z.record(nonEmptyString(), z.array(nonEmptyString(), { error: 'expected an array of model names' }), {
    error: "expected { model: [fallback model, …] }, with '*' for every model",
  }),
);

/** `model` is a caller's string: looked up as an own key only, never one of Object.prototype's ('constructor', 'toString'). */
function listFor(map: FallbackMap | undefined, model: string): string[] | undefined {
  if (map === undefined) return undefined;
  return Object.hasOwn(map, model) ? map[model] : Object.hasOwn(map, '*') ? map['*'] : undefined;
}

/**
 * The groups to try after `model` failed this way. A context-window or content-policy
 * failure uses its own list when one covers the model, else the general one; a request
 * the provider rejected (400, 422) or a failure that is not the provider's has none.
 */
export function fallbackGroups(model: string, kind: FailureKind, routes: FallbackRoutes): string[] {
  if (kind === 'rejected' || kind === 'foreign') return [];
  const general = listFor(routes.fallbacks, model) ?? routes.defaultFallbacks;
  if (kind === 'context-window') return listFor(routes.contextWindowFallbacks, model) ?? general;
  if (kind === 'content-policy') return listFor(routes.contentPolicyFallbacks, model) ?? general;
  return general;
}

/** Whether a content-policy fallback exists for the model: then a `content_filter` answer counts as a failure. */
export function hasContentPolicyFallback(model: string, routes: FallbackRoutes): boolean {
  return (listFor(routes.contentPolicyFallbacks, model)?.length ?? 0) > 0;
}
