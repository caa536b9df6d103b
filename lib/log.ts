import pino from "pino";

// The server's one logger: JSON lines on stdout (pino), one object per event, for an operator's
// log pipeline; LOG_LEVEL sets the level (info by default). Fields that could carry a secret
// are censored wherever they appear, and URLs go through `redactUrl` first, so a webhook URL
// with credentials in it never reaches a log. The start-up summary is plain text instead
// (startup-summary.ts): it is read by a person on the first run.
export const log = pino(
  {
    level: process.env.LOG_LEVEL ?? "info",
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ["secret", "*.secret", "token", "*.token", "password", "*.password", "authorization", "*.authorization", "headers"],
      censor: "[redacted]",
    },
  },
  // Through process.stdout (not a raw fd) so a test can read exactly what was written.
  process.stdout,
);

/** The URL without user:password@ and without its query (where receivers put API keys). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const userinfo = parsed.username || parsed.password ? "***@" : "";
    return `${parsed.protocol}//${userinfo}${parsed.host}${parsed.pathname}${parsed.search ? "?…" : ""}`;
  } catch {
    return "[unparseable URL]";
  }
}
