/**
 * A deployment's base URL with an endpoint path appended: the path goes before the base
 * URL's query string (`https://host/v1?api_key=X` + `/chat/completions` →
 * `https://host/v1/chat/completions?api_key=X`), and a query the path brings follows it.
 */
export function endpointUrl(baseUrl: string, path: string): string {
  const queryAt = baseUrl.indexOf('?');
  if (queryAt === -1) return baseUrl + path;
  const pathQueryAt = path.indexOf('?');
  const pathOnly = pathQueryAt === -1 ? path : path.slice(0, pathQueryAt);
  const pathQuery = pathQueryAt === -1 ? '' : `&${path.slice(pathQueryAt + 1)}`;
  return `${baseUrl.slice(0, queryAt)}${pathOnly}${baseUrl.slice(queryAt)}${pathQuery}`;
}
