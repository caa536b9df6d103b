// A failed attempt's stored error text (what the engine and the network library wrote) in
// words a person can act on, with the technical code beside it. The one place that reads
// those texts: the delivery sheet, the test dialog and the health strip all call it. No Node
// imports: the browser runs it too.

export type DescribedError = {
  /** What happened, in words: "Connection refused by 127.0.0.1:4009". */
  summary: string;
  /** The technical name, shown beside the words: "ECONNREFUSED"; null when there is none. */
  code: string | null;
  /** The text exactly as stored, for a tooltip or a bug report. */
  raw: string;
};

const STATUS_NAMES: Record<number, string> = {
  300: "Multiple Choices",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** "500 Internal Server Error", "418": a status code with its name when it has a common one. */
export function describeStatus(status: number): string {
  const name = STATUS_NAMES[status];
  return name ? `${status} ${name}` : String(status);
}

/** "10 s", "1.5 s", "800 ms": a configured wait as the messages say it. */
function seconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

const TLS_CODES: Record<string, string> = {
  CERT_HAS_EXPIRED: "The endpoint's TLS certificate has expired",
  CERT_NOT_YET_VALID: "The endpoint's TLS certificate is not valid yet",
  DEPTH_ZERO_SELF_SIGNED_CERT: "The endpoint's TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "The endpoint's TLS certificate chain is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "The endpoint's TLS certificate is not signed by a trusted authority",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "The endpoint's TLS certificate is not signed by a trusted authority",
  ERR_TLS_CERT_ALTNAME_INVALID: "The endpoint's TLS certificate is for another host name",
  EPROTO: "The TLS handshake failed (an http server on an https URL?)",
  ERR_SSL_WRONG_VERSION_NUMBER: "The TLS handshake failed (an http server on an https URL?)",
};

type Rule = { test: RegExp; describe: (match: RegExpMatchArray) => { summary: string; code: string | null } };

// First match wins; the engine's own messages come before the library codes they may quote.
const RULES: Rule[] = [
  {
    test: /^HTTP (\d{3})$/,
    describe: (m) => ({ summary: `The endpoint answered ${describeStatus(Number(m[1]))}`, code: `HTTP ${m[1]}` }),
  },
  {
    test: /Timed out after (\d+) ms \((UND_ERR_HEADERS_TIMEOUT)\)/,
    describe: (m) => ({ summary: `No response headers within ${seconds(Number(m[1]))}`, code: m[2] }),
  },
  {
    test: /Timed out after (\d+) ms \((UND_ERR_BODY_TIMEOUT)\)/,
    describe: (m) => ({ summary: `The response body stopped arriving for ${seconds(Number(m[1]))}`, code: m[2] }),
  },
  {
    test: /Timed out after (\d+) ms \((UND_ERR_CONNECT_TIMEOUT)\)/,
    describe: (m) => ({ summary: `Could not connect within ${seconds(Number(m[1]))}`, code: m[2] }),
  },
  {
    test: /DNS lookup of (\S+) timed out/,
    describe: (m) => ({ summary: `No answer from DNS for ${m[1]} in time`, code: "DNS timeout" }),
  },
  {
    test: /DNS lookup of (\S+) failed \((ENOTFOUND|ENODATA)\)/,
    describe: (m) => ({ summary: `No such host: ${m[1]}`, code: m[2] }),
  },
  {
    test: /DNS lookup of (\S+) failed \(([A-Z_]+)\)/,
    describe: (m) => ({ summary: `The host name ${m[1]} could not be looked up`, code: m[2] }),
  },
  {
    test: /DNS lookup of (\S+) returned no address/,
    describe: (m) => ({ summary: `No such host: ${m[1]} has no address`, code: "ENODATA" }),
  },
  {
    test: /(\S+) resolves to (\S+), which is not a public address \(([^)]+)\)/,
    describe: (m) => ({
      summary: `Refused: ${m[1]} resolves to ${m[2]}, not a public address (${m[3]})`,
      code: "SSRF guard",
    }),
  },
  {
    test: /(\S+) is not a public address \(([^)]+)\)/,
    describe: (m) => ({
      summary: `Refused: ${m[1]} is not a public address (${m[2]})`,
      code: "SSRF guard",
    }),
  },
  {
    test: /^Cannot sign the delivery/,
    describe: () => ({ summary: "Not sent: the signing secret could not be read", code: null }),
  },
  {
    test: /^Webhook disabled before the attempt/,
    describe: () => ({ summary: "Not sent: the webhook was disabled", code: null }),
  },
  { test: /^Webhook deleted before the attempt/, describe: () => ({ summary: "Not sent: the webhook was deleted", code: null }) },
  {
    test: /ECONNREFUSED(?:\s+|: connect ECONNREFUSED\s+)?([\w.:[\]-]+:\d+)?/,
    describe: (m) => ({ summary: m[1] ? `Connection refused by ${m[1]}` : "Connection refused", code: "ECONNREFUSED" }),
  },
  {
    test: /getaddrinfo (ENOTFOUND|EAI_AGAIN) (\S+)/,
    describe: (m) => ({
      summary: m[1] === "ENOTFOUND" ? `No such host: ${m[2]}` : `The host name ${m[2]} could not be looked up right now`,
      code: m[1],
    }),
  },
  {
    test: /(ECONNRESET|UND_ERR_SOCKET|other side closed|socket hang up)/,
    describe: (m) => ({
      summary: "The endpoint closed the connection before it answered",
      code: m[1] === "other side closed" || m[1] === "socket hang up" ? "ECONNRESET" : m[1],
    }),
  },
  {
    test: /(EHOSTUNREACH|ENETUNREACH)(?:[^\d]*([\w.:[\]-]+:\d+))?/,
    describe: (m) => ({ summary: m[2] ? `No route to ${m[2]}` : "No route to the endpoint", code: m[1] }),
  },
  {
    test: /\bETIMEDOUT\b/,
    describe: () => ({ summary: "The connection timed out", code: "ETIMEDOUT" }),
  },
  {
    test: new RegExp(`\\b(${Object.keys(TLS_CODES).join("|")})\\b`),
    describe: (m) => ({ summary: TLS_CODES[m[1]], code: m[1] }),
  },
  {
    test: /\b(ERR_SSL_[A-Z_]+|ERR_TLS_[A-Z_]+)\b/,
    describe: (m) => ({ summary: "The TLS handshake failed", code: m[1] }),
  },
  { test: /^No response$/, describe: () => ({ summary: "No response", code: null }) },
];

/**
 * Words for a stored error. Unknown texts come back as they are, with the first code-like
 * word (ECONNABORTED, UND_ERR_…) pulled out as the code.
 */
export function describeError(stored: string): DescribedError {
  const raw = stored.trim();
  for (const rule of RULES) {
    const match = raw.match(rule.test);
    if (match) return { ...rule.describe(match), raw };
  }
  const code = raw.match(/\b(E[A-Z]{3,}|UND_ERR_[A-Z_]+|ERR_[A-Z_]+)\b/)?.[1] ?? null;
  return { summary: raw || "Unknown error", code, raw };
}
