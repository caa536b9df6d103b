import { describe, expect, it } from "vitest";
import { memberText, withoutMembers } from "@/lib/json/json-text";
import { maskRecipientTokens, withoutRecipientTokens } from "@/lib/webhooks/recipient-tokens";

// The payload travels as the caller's text: these checks hold the edits to "every other byte
// unchanged", including what JSON.parse + JSON.stringify would have rewritten.

const LOSSY = `"big": 12345678901234567891, "huge": 1e309, "price": 1.50, "neg": -0.0, "exp": 2E-7, "esc": "\\u00e9\\/\\"", "u": "é"`;

describe("memberText", () => {
  it("cuts a member's value out exactly as written", () => {
    const payload = `{ ${LOSSY}, "nested": { "a": [1, 2 , {"b": "}"}] } }`;
    const text = `  {"event": "x",\n "payload" :\t${payload}  ,"idempotencyKey":"k"}`;
    expect(memberText(text, "payload")).toBe(payload);
    expect(memberText(text, "event")).toBe('"x"');
    expect(memberText(text, "missing")).toBeUndefined();
    expect(memberText("[1]", "payload")).toBeUndefined();
  });

  it("reads strings ending in backslashes and quotes, and brackets inside strings", () => {
    const payload = String.raw`{"a": "ends in \\", "b": "quote \" and \\\" { [ ", "c": ["]", {"d": "}"}]}`;
    const text = `{"payload": ${payload}, "after": 1}`;
    expect(JSON.parse(text).payload.c[1].d).toBe("}");
    expect(memberText(text, "payload")).toBe(payload);
    expect(memberText(text, "after")).toBe("1");
  });

  it("takes the last of duplicate keys, as JSON.parse does, and reads escaped keys", () => {
    const text = '{"payload": {"first": true}, "p\\u0061yload": {"second": true}}';
    expect(JSON.parse(text).payload).toEqual({ second: true });
    expect(memberText(text, "payload")).toBe('{"second": true}');
  });
});

describe("withoutMembers", () => {
  it("removes first, middle, last and only members and keeps valid JSON and layout", () => {
    expect(withoutMembers('{"t": 1, "a": 2, "b": 3}', (k) => k === "t")).toBe('{"a": 2, "b": 3}');
    expect(withoutMembers('{"a": 2, "t": 1, "b": 3}', (k) => k === "t")).toBe('{"a": 2, "b": 3}');
    expect(withoutMembers('{"a": 2, "b": 3, "t": 1}', (k) => k === "t")).toBe('{"a": 2, "b": 3}');
    expect(withoutMembers('{ "t": 1 }', (k) => k === "t")).toBe("{  }");
    expect(withoutMembers('{"t": 1, "t": 2, "a": 3}', (k) => k === "t")).toBe('{"a": 3}');
    const pretty = '{\n    "name": "Jo",\n    "token": "x",\n    "role": "SIGNER"\n  }';
    expect(withoutMembers(pretty, (k) => k === "token")).toBe('{\n    "name": "Jo",\n    "role": "SIGNER"\n  }');
  });
});

describe("recipient tokens", () => {
  const payload = `{"id": 1, ${LOSSY}, "token": "not-a-recipient",
    "recipients": [ {"email": "a@x.io", "token": "tok-a", "signingStatus": "SIGNED"}, {"email": "b@x.io", "t\\u006fken": "tok-b"}, 7 ],
    "Recipient": [{"token": "tok-a", "email": "a@x.io"}],
    "other": [{"token": "kept"}]}`;

  it("strips every recipient's token from both lists and nothing else", () => {
    const stripped = withoutRecipientTokens(payload);
    expect(stripped).not.toMatch(/tok-[ab]/);
    expect(stripped).toContain(LOSSY);
    expect(stripped).toContain('"token": "not-a-recipient"');
    expect(stripped).toContain('"other": [{"token": "kept"}]');
    const expected = JSON.parse(payload);
    for (const list of [expected.recipients, expected.Recipient])
      for (const r of list) if (r && typeof r === "object") delete r.token;
    expect(JSON.parse(stripped)).toEqual(expected);
  });

  it("masks tokens in place for the log", () => {
    const masked = maskRecipientTokens(payload);
    expect(masked).not.toMatch(/tok-[ab]/);
    expect(masked.match(/"••••••••"/g)).toHaveLength(3);
    expect(masked).toContain(LOSSY);
  });

  it("returns text without tokens as it is", () => {
    const text = '{"id": 1, "recipients": [{"email": "a@x.io"}]}';
    expect(withoutRecipientTokens(text)).toBe(text);
    expect(withoutRecipientTokens("[]")).toBe("[]");
  });
});
