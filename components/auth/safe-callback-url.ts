/** Only same-site paths: a callbackUrl must never send a freshly signed-in user elsewhere. */
export function safeCallbackUrl(value: unknown, fallback = "/settings/webhooks"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}
