import { describe, expect, it } from "vitest";
import { describeError, describeStatus } from "@/lib/delivery-log/describe-error";

// Stored attempt errors, as the engine and the network library write them, in words with the
// technical code beside them. The inputs are the texts the engine stores (send-request.ts,
// safe-dispatcher.ts, worker.ts), including ones read back from real failed attempts.

const cases: [stored: string, summary: string, code: string | null][] = [
  ["connect ECONNREFUSED 127.0.0.1:4009", "Connection refused by 127.0.0.1:4009", "ECONNREFUSED"],
  ["connect ECONNREFUSED ::1:4009", "Connection refused by ::1:4009", "ECONNREFUSED"],
  ["Timed out after 10000 ms (UND_ERR_HEADERS_TIMEOUT)", "No response headers within 10 s", "UND_ERR_HEADERS_TIMEOUT"],
  ["Timed out after 1500 ms (UND_ERR_BODY_TIMEOUT)", "The response body stopped arriving for 1.5 s", "UND_ERR_BODY_TIMEOUT"],
  ["Timed out after 10000 ms (UND_ERR_CONNECT_TIMEOUT)", "Could not connect within 10 s", "UND_ERR_CONNECT_TIMEOUT"],
  [
    "EBLOCKEDTARGET: DNS lookup of xn--80ak6aa92e.xn--p1ai failed (ENOTFOUND): not delivered",
    "No such host: xn--80ak6aa92e.xn--p1ai",
    "ENOTFOUND",
  ],
  ["getaddrinfo ENOTFOUND hooks.example.invalid", "No such host: hooks.example.invalid", "ENOTFOUND"],
  [
    "EBLOCKEDTARGET: DNS lookup of hooks.example.com failed (EAI_AGAIN): not delivered",
    "The host name hooks.example.com could not be looked up",
    "EAI_AGAIN",
  ],
  [
    "EBLOCKEDTARGET: DNS lookup of slow.example timed out: not delivered",
    "No answer from DNS for slow.example in time",
    "DNS timeout",
  ],
  [
    "EBLOCKEDTARGET: 127.0.0.1 is not a public address (loopback): blocked",
    "Refused: 127.0.0.1 is not a public address (loopback)",
    "SSRF guard",
  ],
  [
    "EBLOCKEDTARGET: internal.example resolves to 10.1.2.3, which is not a public address (private): blocked",
    "Refused: internal.example resolves to 10.1.2.3, not a public address (private)",
    "SSRF guard",
  ],
  ["UND_ERR_SOCKET: other side closed", "The endpoint closed the connection before it answered", "UND_ERR_SOCKET"],
  ["read ECONNRESET", "The endpoint closed the connection before it answered", "ECONNRESET"],
  [
    "DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate",
    "The endpoint's TLS certificate is self-signed",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
  ],
  ["CERT_HAS_EXPIRED: certificate has expired", "The endpoint's TLS certificate has expired", "CERT_HAS_EXPIRED"],
  [
    "ERR_TLS_CERT_ALTNAME_INVALID: Hostname/IP does not match certificate's altnames",
    "The endpoint's TLS certificate is for another host name",
    "ERR_TLS_CERT_ALTNAME_INVALID",
  ],
  ["connect EHOSTUNREACH 203.0.113.9:443", "No route to 203.0.113.9:443", "EHOSTUNREACH"],
  ["HTTP 500", "The endpoint answered 500 Internal Server Error", "HTTP 500"],
  ["HTTP 301", "The endpoint answered 301 Moved Permanently", "HTTP 301"],
  [
    "Cannot sign the delivery: unsupported state or unable to authenticate data",
    "Not sent: the signing secret could not be read",
    null,
  ],
  ["Webhook disabled before the attempt", "Not sent: the webhook was disabled", null],
  ["No response", "No response", null],
];

describe("describeError", () => {
  it.each(cases)("%s", (stored, summary, code) => {
    expect(describeError(stored)).toEqual({ summary, code, raw: stored });
  });

  it("keeps an unknown text as it is, pulling out a code-like word when there is one", () => {
    expect(describeError("ECONNABORTED: the request was aborted")).toEqual({
      summary: "ECONNABORTED: the request was aborted",
      code: "ECONNABORTED",
      raw: "ECONNABORTED: the request was aborted",
    });
    expect(describeError("something odd")).toEqual({ summary: "something odd", code: null, raw: "something odd" });
  });

  it("names common HTTP statuses", () => {
    expect(describeStatus(503)).toBe("503 Service Unavailable");
    expect(describeStatus(418)).toBe("418");
  });
});
