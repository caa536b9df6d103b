import { afterEach, describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders, servedOverHttps } from "@/lib/http/security-headers";

// Which responses get HSTS, and what the policies allow. The headers on real responses are
// checked over HTTP in e2e/security-headers.spec.ts.

const saved = { NEXTAUTH_URL: process.env.NEXTAUTH_URL, TRUST_PROXY: process.env.TRUST_PROXY };

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function forwarded(proto: string) {
  return new Headers({ "x-forwarded-proto": proto });
}

describe("HSTS", () => {
  it("is sent when the public URL is https", () => {
    process.env.NEXTAUTH_URL = "https://hooks.example.com";
    delete process.env.TRUST_PROXY;
    expect(servedOverHttps(new Headers())).toBe(true);
    expect(securityHeaders("page", "n", true)["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
  });

  it("follows X-Forwarded-Proto only behind a trusted proxy", () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    delete process.env.TRUST_PROXY;
    expect(servedOverHttps(forwarded("https"))).toBe(false);
    process.env.TRUST_PROXY = "0";
    expect(servedOverHttps(forwarded("https"))).toBe(false);
    process.env.TRUST_PROXY = "1";
    expect(servedOverHttps(forwarded("https"))).toBe(true);
    expect(servedOverHttps(forwarded("http"))).toBe(false);
    // The nearest proxy's value counts, not one the client put first.
    expect(servedOverHttps(forwarded("https, http"))).toBe(false);
    expect(servedOverHttps(new Headers())).toBe(false);
  });

  it("is never sent over plain http", () => {
    expect(securityHeaders("page", "n", false)["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders("api", undefined, false)["Strict-Transport-Security"]).toBeUndefined();
  });
});

describe("Content-Security-Policy", () => {
  it("lets pages run only nonced scripts and never be framed", () => {
    const csp = contentSecurityPolicy("page", "abc123", false);
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("style-src 'self' 'nonce-abc123'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("page", "abc123", true)).toContain("upgrade-insecure-requests");
  });

  it("lets JSON responses load nothing", () => {
    expect(contentSecurityPolicy("api", undefined, true)).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  });
});
