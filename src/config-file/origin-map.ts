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

  /** The issue at its place in the file; a deployment its message names (`same as deployments[0]`) is named by its place too. */
  translate(issue: ConfigIssue): ConfigIssue {
    const message = issue.message.replace(/deployments\[\d+\]/g, (named) => this.#origins.get(named) ?? named);
    return { path: this.#filePath(issue.path), message };
  }

  #filePath(path: string): string {
    let best: string | undefined;
    for (const known of this.#origins.keys()) {
      if ((best === undefined || known.length > best.length) && startsWithPath(path, known)) best = known;
    }
    return best === undefined ? path : `${this.#origins.get(best)}${path.slice(best.length)}`;
  }
}

function startsWithPath(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix)) return false;
  const next = path[prefix.length];
  return next === undefined || next === '.' || next === '[' || next === ' ';
}
