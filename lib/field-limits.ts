// Field sizes the browser form checks too, so they live apart from lib/config (which reads
// files and cannot be bundled for the browser). lib/config's `limits` spreads them.
export const FIELD_LIMITS = {
  urlMaxLength: 2048,
  secretMaxLength: 256,
  customHeadersMax: 20,
  headerNameMaxLength: 100,
  /** Bytes and characters alike: values are printable ASCII. */
  headerValueMaxLength: 1024,
  /** A webhook's own rate limit, attempts a second. */
  rateLimitMaxPerSecond: 10_000,
} as const;
