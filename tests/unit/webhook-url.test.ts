import { describe, expect, it } from "vitest";
import { ZWebhookUrlSchema } from "@/lib/validation/webhook";
import { ZWebhookUrlShapeSchema } from "@/lib/validation/webhook-fields";

// The webhook URL field, as both the browser form (ZWebhookUrlShapeSchema) and the server
// (ZWebhookUrlSchema) parse it: what comes out is the one string stored, listed and called.

const HIDDEN_CHARACTERS_MESSAGE = "The URL must not contain spaces, tabs, line breaks or invisible characters";

function errorOf(value: unknown) {
  const result = ZWebhookUrlSchema.safeParse(value);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message);
}

describe("webhook URL field", () => {
  it("refuses control characters, spaces and invisible characters inside the URL", () => {
    for (const value of [
      "https://exa\tmple.com/hook",
      "https://example.com/ho\nok",
      "https://example.com/hook\r\nX-Injected: 1",
      "https://example.com/a b",
      "https://example.com/\u0000x",
      "https://example.com/\u007fx",
      "https://example.com/\u0085x",
      "https://example.com/\u00a0hook",
      "https://exa\u200bmple.com/hook",
      "https://example.com/\u2028x",
      "https://example.com/\u202ekoob",
      "https://example.com/\ufeffx",
      "https://example.com/\u3000x",
    ]) {
      expect(errorOf(value), JSON.stringify(value)).toEqual([HIDDEN_CHARACTERS_MESSAGE]);
      expect(ZWebhookUrlShapeSchema.safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
  });

  it("trims whitespace around the URL", () => {
    expect(ZWebhookUrlSchema.parse("  \t https://example.com/hook \r\n")).toBe("https://example.com/hook");
  });

  it("stores the URL parser's serialisation", () => {
    const cases: [string, string][] = [
      ["HTTPS://Example.COM/Hook", "https://example.com/Hook"],
      ["https://example.com", "https://example.com/"],
      ["https://example.com:443/hook", "https://example.com/hook"],
      ["http://example.com:80/hook", "http://example.com/hook"],
      ["https://example.com:8443/hook", "https://example.com:8443/hook"],
      ["https://example.com/a/./b/../hook?x=1&y=2", "https://example.com/a/hook?x=1&y=2"],
      ["https://bücher.example/héllo", "https://xn--bcher-kva.example/h%C3%A9llo"],
      ['https://example.com/q?name="x"<y>', "https://example.com/q?name=%22x%22%3Cy%3E"],
      ["https:example.com/hook", "https://example.com/hook"],
      ["https:\\\\example.com\\hook", "https://example.com/hook"],
    ];
    for (const [input, stored] of cases) {
      expect(ZWebhookUrlSchema.parse(input), input).toBe(stored);
      // The browser's form gives the server the same string, and parsing it again changes nothing.
      expect(ZWebhookUrlShapeSchema.parse(input), input).toBe(stored);
      expect(ZWebhookUrlSchema.parse(stored), stored).toBe(stored);
    }
  });

  it("refuses a fragment, which is never sent to the receiver", () => {
    expect(errorOf("https://example.com/hook#section")).toEqual(["The URL must not contain a # fragment"]);
    expect(errorOf("https://example.com/hook#")).toEqual(["The URL must not contain a # fragment"]);
  });

  it("measures the length limit on the stored form too", () => {
    // 700 "é" are 1,400 characters typed, 4,200 once percent-encoded.
    const url = `https://example.com/${"é".repeat(700)}`;
    expect(url.length).toBeLessThan(2048);
    expect(errorOf(url)).toEqual(["The URL must be at most 2048 characters"]);
  });

  it("keeps the existing refusals, one message each", () => {
    expect(errorOf("ftp://example.com/hook")).toEqual(["The URL must start with http:// or https://"]);
    expect(errorOf("https://user:pass@example.com/hook")).toEqual(["The URL must not contain a user name or password"]);
    expect(errorOf("not a url")).toEqual(["Enter a valid URL, such as https://example.com/webhook"]);
    expect(errorOf("")).toEqual(["Enter a webhook URL"]);
    expect(errorOf(42)).toEqual(["Enter a webhook URL"]);
  });
});
