import type { Router, RouterEventMap, RouterEventName } from 'switchyard';

/** Records every payload of the named events. */
export function record<E extends RouterEventName>(router: Router, ...names: E[]): { [K in E]: RouterEventMap[K][] } {
  const seen = Object.fromEntries(names.map((n) => [n, []])) as unknown as { [K in E]: RouterEventMap[K][] };
  for (const name of names) router.on(name, (e) => void (seen[name] as unknown[]).push(e));
  return seen;
}
