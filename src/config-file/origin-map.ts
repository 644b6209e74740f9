import { formatPath } from '../config/format-zod-issues.js';
import type { ConfigIssue } from '../errors/router-side-errors.js';

/**
 * Where each router option came from in the file: `deployments[0].rpm` →
 * `model_list[0].litellm_params.rpm`, `fallbacks.gpt-4` → `router_settings.fallbacks[0].gpt-4`.
 * An issue the router reports is moved to the file's path of its longest known prefix.
 */
export class OriginMap {
  readonly #origins = new Map<string, string>();

  /** `optionPath` as the router names it (`['deployments', 0, 'rpm']`). */
  set(optionPath: readonly PropertyKey[], filePath: string): void {
    this.#origins.set(formatPath(optionPath), filePath);
  }

  translate(issue: ConfigIssue): ConfigIssue {
    let best: string | undefined;
    for (const known of this.#origins.keys()) {
      if ((best === undefined || known.length > best.length) && startsWithPath(issue.path, known)) best = known;
    }
    if (best === undefined) return issue;
    return { ...issue, path: `${this.#origins.get(best)}${issue.path.slice(best.length)}` };
  }
}

function startsWithPath(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix)) return false;
  const next = path[prefix.length];
  return next === undefined || next === '.' || next === '[' || next === ' ';
}
