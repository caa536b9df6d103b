import { describe, expect, it } from "vitest";
import { safeCallbackUrl, safeRedirectUrl } from "@/components/auth/safe-callback-url";

const FALLBACK = "/settings/webhooks";

// What a browser makes of a Location header: the page the user would land on.
function landing(location: string): URL {
  return new URL(location, "http://localhost:3000");
}

describe("sign-in callbackUrl", () => {
  it.each([
    ["/settings/tokens", "/settings/tokens"],
    ["/settings/webhooks/wh_1?tab=log", "/settings/webhooks/wh_1?tab=log"],
    ["/settings/webhooks#top", "/settings/webhooks#top"],
    // Kept, but in the parsed (percent-encoded) form, so it is a valid header value.
    ["/settings/webhooks?q=a b", "/settings/webhooks?q=a%20b"],
    ["/caf\u00e9", "/caf%C3%A9"],
    ["/\u2603", "/%E2%98%83"],
    ["/settings/../settings/tokens", "/settings/tokens"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("keeps the same-site path %j as %j", (value, expected) => {
    expect(safeCallbackUrl(value)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "http://localhost:3000/settings/tokens",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/\\/evil.example",
    "/\t\\evil.example",
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "",
    `/${"a".repeat(3000)}`,
  ])("sends %j to the Webhooks tab", (value) => {
    expect(safeCallbackUrl(value)).toBe(FALLBACK);
  });

  it.each([undefined, null, 42, ["/x"], { toString: () => "/x" }])("sends the non-string %j to the Webhooks tab", (value) => {
    expect(safeCallbackUrl(value)).toBe(FALLBACK);
  });

  it("never returns a value a browser would take off the site, or a header Node would refuse", () => {
    const nasty = ["/", "\\", "\t", "\n", "\r", " ", ".", "..", "evil.example", "%09", "%0A", "\u2603", "\u0000", "@", ":"];
    // Every string of up to 4 of these pieces, with a leading "/" (what reaches the checks).
    let values = [""];
    for (let depth = 0; depth < 4; depth++) values = values.flatMap((v) => nasty.map((piece) => v + piece));
    for (const raw of values) {
      const value = `/${raw}`;
      const result = safeCallbackUrl(value);
      expect(landing(result).origin, JSON.stringify(value)).toBe("http://localhost:3000");
      expect(result, JSON.stringify(value)).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
    }
  });
});

describe("next-auth redirect callback", () => {
  const base = "http://localhost:3000";
  it.each([
    ["/signin", `${base}/signin`],
    [`${base}/settings/tokens`, `${base}/settings/tokens`],
    ["https://evil.example/x", `${base}/`],
    ["/\t/evil.example", `${base}/`],
    ["/\n/x", `${base}/`],
    ["/\u2603", `${base}/%E2%98%83`],
    ["//evil.example", `${base}/`],
    ["javascript:alert(1)", `${base}/`],
  ])("%j goes to %j", (url, expected) => {
    expect(safeRedirectUrl(url, base)).toBe(expected);
  });
});
