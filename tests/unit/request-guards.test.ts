import { afterEach, describe, expect, it } from "vitest";
import { hasMalformedPercentEncoding } from "@/lib/http/path-encoding";
import { isCrossOriginWrite } from "@/lib/http/same-origin";
import { argumentListProblem, serverActionBodyProblem } from "@/lib/http/server-action-body";

// The proxy's refusals, case by case. The same requests go over real HTTP to `next start` in
// e2e/framework-edges.spec.ts.

const saved = { NEXTAUTH_URL: process.env.NEXTAUTH_URL, TRUST_PROXY: process.env.TRUST_PROXY };

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("malformed percent-encoding", () => {
  it("is told apart from well-formed encoding", () => {
    for (const path of ["/settings/webhooks/%E0%A4%A", "/api/webhooks/%ZZ/health", "/%", "/%C0%AF", "/%ED%A0%80"]) {
      expect(hasMalformedPercentEncoding(path), path).toBe(true);
    }
    for (const path of ["/", "/settings/webhooks/wh_1", "/%E2%98%83", "/a%20b", "/%25"]) {
      expect(hasMalformedPercentEncoding(path), path).toBe(false);
    }
  });
});

describe("cross-origin writes", () => {
  const own = (extra: Record<string, string>) => new Headers({ host: "hooks.example.com", ...extra });

  it("lets our own pages, and safe methods from anywhere, through", () => {
    process.env.NEXTAUTH_URL = "https://hooks.example.com";
    expect(isCrossOriginWrite("POST", own({ origin: "https://hooks.example.com" }))).toBe(false);
    expect(isCrossOriginWrite("POST", own({ origin: "http://hooks.example.com" }))).toBe(false);
    expect(isCrossOriginWrite("GET", own({ origin: "https://evil.example" }))).toBe(false);
    expect(isCrossOriginWrite("HEAD", own({ origin: "https://evil.example" }))).toBe(false);
    // Not a browser: no Origin and no Fetch Metadata, so no victim's cookies by accident.
    expect(isCrossOriginWrite("POST", own({}))).toBe(false);
    expect(isCrossOriginWrite("POST", own({ "sec-fetch-site": "same-origin" }))).toBe(false);
  });

  it("refuses other sites, opaque origins and lookalikes", () => {
    process.env.NEXTAUTH_URL = "https://hooks.example.com";
    for (const origin of [
      "https://evil.example",
      "null",
      "https://hooks.example.com.evil.example",
      "garbage",
      "https://sub.hooks.example.com",
    ]) {
      expect(isCrossOriginWrite("POST", own({ origin })), origin).toBe(true);
      expect(isCrossOriginWrite("DELETE", own({ origin })), origin).toBe(true);
    }
    expect(isCrossOriginWrite("POST", own({ "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossOriginWrite("POST", own({ "sec-fetch-site": "same-site" }))).toBe(true);
  });

  it("trusts X-Forwarded-Host only behind a trusted proxy", () => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    const behindProxy = new Headers({
      host: "app:3000",
      "x-forwarded-host": "hooks.example.com",
      origin: "https://hooks.example.com",
    });
    delete process.env.TRUST_PROXY;
    expect(isCrossOriginWrite("POST", behindProxy)).toBe(true);
    process.env.TRUST_PROXY = "1";
    expect(isCrossOriginWrite("POST", behindProxy)).toBe(false);
  });

  it("accepts the public URL's host even when the Host header differs", () => {
    process.env.NEXTAUTH_URL = "https://hooks.example.com";
    delete process.env.TRUST_PROXY;
    expect(isCrossOriginWrite("POST", new Headers({ host: "10.0.0.5:3000", origin: "https://hooks.example.com" }))).toBe(false);
  });
});

describe("server-action bodies", () => {
  it("accepts what our forms send", () => {
    expect(
      argumentListProblem(JSON.stringify([{ url: "https://x.example/h", events: ["document.signed"] }]), false),
    ).toBeUndefined();
    expect(
      argumentListProblem('[{"a":"$undefined","b":"$$escaped","c":"$D2026-01-01T00:00:00.000Z","d":"$n12","e":"$-0"}]', false),
    ).toBeUndefined();
    expect(argumentListProblem("[]", false)).toBeUndefined();
    expect(argumentListProblem('["$K1"]', true)).toBeUndefined();
  });

  it("refuses what the framework would fail on", () => {
    for (const body of [
      "",
      "[",
      "null",
      "{}",
      '"x"',
      '["$1"]',
      '["$@1"]',
      '["$Q1"]',
      '["$F1"]',
      '["$B1"]',
      '["$T"]',
      '["$Z"]',
      '["$n1x"]',
      '["$K1"]',
      `[${"[".repeat(33)}${"]".repeat(33)}]`,
    ]) {
      expect(argumentListProblem(body, false), body).toBeDefined();
    }
    // A million-element list is walked without a stack overflow.
    expect(argumentListProblem(JSON.stringify(Array.from({ length: 1_000_000 }, () => "$1")), false)).toBeDefined();
  });

  function post(body: BodyInit, headers: Record<string, string>) {
    return new Request("http://localhost/settings/webhooks", { method: "POST", body, headers });
  }

  it("checks action calls and pre-hydration multipart posts, and nothing else", async () => {
    const action = { "next-action": "7f00", "content-type": "text/plain;charset=UTF-8" };
    expect(await serverActionBodyProblem(post("[]", action))).toBeUndefined();
    expect(await serverActionBodyProblem(post("[", action))).toEqual({
      status: 400,
      message: "The request body is not valid JSON",
    });
    expect(await serverActionBodyProblem(post(JSON.stringify(["x".repeat(1024 * 1024)]), action))).toEqual({
      status: 413,
      message: "The request body is too large",
    });
    const multipart = { "content-type": "multipart/form-data; boundary=xx" };
    expect((await serverActionBodyProblem(post("garbage", multipart)))?.status).toBe(400);
    const form = new FormData();
    form.set("0", '["$K1"]');
    form.set("1_email", "a@b.c");
    expect(
      await serverActionBodyProblem(
        new Request("http://localhost/x", { method: "POST", body: form, headers: { "next-action": "7f00" } }),
      ),
    ).toBeUndefined();
    // A plain form post that is not an action call is the page's business.
    expect(await serverActionBodyProblem(post("[", { "content-type": "text/plain" }))).toBeUndefined();
  });
});
