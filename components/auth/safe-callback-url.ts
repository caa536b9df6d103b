export const DEFAULT_CALLBACK_PATH = "/settings/webhooks";

/** Longer than any path of ours with a query; anything bigger is not a link a person followed. */
const MAX_CALLBACK_LENGTH = 2048;

// Resolved against a placeholder origin: whatever the value is, it is only kept when it
// resolves to a path on that same origin.
const PLACEHOLDER_ORIGIN = "http://placeholder.invalid";

/**
 * A same-site path to go to after sign-in, or the fallback. The value is resolved the way a
 * browser would (which drops tabs and newlines and reads "\" as "/", so "/\t/evil.example"
 * means "//evil.example") and only a path on our own origin survives. What comes back is the
 * parsed form: percent-encoded, so it is always a valid Location header (no newline, nothing
 * outside Latin-1).
 */
export function safeCallbackUrl(value: unknown, fallback = DEFAULT_CALLBACK_PATH): string {
  if (typeof value !== "string" || value.length > MAX_CALLBACK_LENGTH) return fallback;
  // Only paths: "https://our.host/x" is refused too, as we never send absolute URLs here.
  if (!value.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The parsed path may still start with "//" ("/.//evil" normalises to "//evil"): a browser
  // given that path as a Location would read it as another host.
  if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}

/**
 * `url` as a same-site path when it is a path or an absolute URL on `origin`, else the
 * fallback. For next-auth, which is also handed absolute URLs.
 */
export function sameSitePath(url: string, origin: string, fallback = "/"): string {
  let absolute: URL | undefined;
  try {
    absolute = new URL(url);
  } catch {
    // Not absolute: a path, judged by safeCallbackUrl.
  }
  if (!absolute) return safeCallbackUrl(url, fallback);
  if (absolute.origin !== origin) return fallback;
  return safeCallbackUrl(`${absolute.pathname}${absolute.search}${absolute.hash}`, fallback);
}

/** next-auth's redirect callback (after sign-out): a same-site absolute URL, else the base URL's root. */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  return `${origin}${sameSitePath(url, origin)}`;
}
