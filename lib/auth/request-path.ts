// The path a signed-out visitor asked for, so sign-in can send them back to it. Layouts are
// not told the URL they render for: proxy.ts copies it into this request header (replacing
// any value a client sent).
export const REQUEST_PATH_HEADER = "x-docuhooks-request-path";

/** Path and query of the request, without the router's own `_rsc` cache-busting parameter. */
export function requestPathOf(url: URL): string {
  const search = new URLSearchParams(url.search);
  search.delete("_rsc");
  const query = search.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}
