import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";

describe("sign-in callbackUrl", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackUrl("/settings/tokens")).toBe("/settings/tokens");
    expect(safeCallbackUrl("/settings/webhooks/wh_1?tab=log")).toBe("/settings/webhooks/wh_1?tab=log");
  });

  it("sends anything that could leave the site to the Webhooks tab", () => {
    for (const value of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "",
      undefined,
      42,
      ["/x"],
    ]) {
      expect(safeCallbackUrl(value)).toBe("/settings/webhooks");
    }
  });
});
