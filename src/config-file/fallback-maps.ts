import { childPath, itemPath } from './config-report.js';
import type { ConfigDraft } from './config-draft.js';
import { checked, nameList } from './config-values.js';
import { isMapping } from './read-mapping.js';

export type FallbackOption = 'fallbacks' | 'contextWindowFallbacks' | 'contentPolicyFallbacks';

const EXAMPLE = '[{ gpt-4o: [claude-sonnet] }]';

/**
 * LiteLLM's fallbacks, `[{ model: [fallback, …] }, …]` (a list of one-key mappings), or one
 * mapping of them all as blog posts write them; a single fallback may stand alone. Each model's
 * list is offered as `option`'s entry for that model.
 */
export function readFallbacks(value: unknown, path: string, option: FallbackOption, draft: ConfigDraft, rank: number): void {
  const offer = (model: string, targets: unknown, at: string) => {
    const list = checked(nameList('expected a list of model names to fall back to'), targets, at, draft.report);
    if (list !== undefined) draft.settings.offer(option, model, list, at, rank);
  };
  if (isMapping(value)) {
    for (const [model, targets] of Object.entries(value)) offer(model, targets, childPath(path, model));
    return;
  }
  if (!Array.isArray(value)) {
    draft.report.error(path, `expected a list of { model: [fallbacks] } mappings, e.g. ${EXAMPLE}`);
    return;
  }
  value.forEach((item, index) => {
    const at = itemPath(path, index);
    if (!isMapping(item) || Object.keys(item).length !== 1) {
      draft.report.error(at, `expected one { model: [fallbacks] } mapping, e.g. ${EXAMPLE.slice(1, -1)}`);
      return;
    }
    const [model, targets] = Object.entries(item)[0] as [string, unknown];
    offer(model, targets, childPath(at, model));
  });
}
