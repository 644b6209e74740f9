/** A request's path with the gateway's `basePath` taken off when it starts with it ('/llm/v1/models' → '/v1/models'). */
export function requestPath(path: string, basePath: string): string {
  if (basePath === '' || !path.startsWith(basePath)) return path;
  if (path.length === basePath.length) return '/';
  return path.charCodeAt(basePath.length) === 47 /* '/' */ ? path.slice(basePath.length) : path;
}
