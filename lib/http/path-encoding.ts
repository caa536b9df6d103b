/**
 * True when a path segment is not valid percent-encoded UTF-8 (`%ZZ`, `%E0%A4%A`): the router
 * would throw decoding it, so such a request is answered 400 before it gets there.
 */
export function hasMalformedPercentEncoding(pathname: string): boolean {
  if (!pathname.includes("%")) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
