import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DB_INDEPENDENT } from "./tags";

// Requests a browser of ours never sends, over real HTTP against `next start`: malformed
// paths, server-action calls from another site, broken server-action bodies. Each gets a
// 4xx with a plain message and changes nothing; none reaches the framework's 500.

/** The id Next gave a server action in this build (the client calls it by this id). */
function actionId(exportedName: string): string {
  const manifestPath = path.join(process.cwd(), ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, value]) => value.exportedName === exportedName);
  if (!entry) throw new Error(`no server action named ${exportedName} in this build`);
  return entry[0];
}

async function webhookCount(request: APIRequestContext): Promise<number> {
  const response = await request.get("/api/webhooks");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { webhooks: unknown[] };
  return body.webhooks.length;
}

function callCreateWebhook(
  request: APIRequestContext,
  baseURL: string,
  options: { origin?: string; body: string; headers?: Record<string, string> },
) {
  return request.post("/settings/webhooks", {
    headers: {
      "next-action": actionId("createWebhookAction"),
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      ...(options.origin === undefined ? { origin: baseURL } : options.origin === "" ? {} : { origin: options.origin }),
      ...options.headers,
    },
    data: options.body,
  });
}

const VALID_ARGS = (url: string) => JSON.stringify([{ url, events: ["document.signed"], enabled: true }]);

test("malformed percent-encoding in a path answers 400, never 500", { tag: DB_INDEPENDENT }, async ({ page }) => {
  for (const [address, kind] of [
    ["/settings/webhooks/%E0%A4%A", "page"],
    ["/settings/webhooks/%ZZ", "page"],
    ["/%C0%AF", "page"],
    ["/api/webhooks/%ZZ/health", "api"],
    ["/api/deliveries/%FF", "api"],
  ] as const) {
    const response = await page.request.get(address);
    expect(response.status(), address).toBe(400);
    if (kind === "api") {
      expect(await response.json()).toEqual({
        error: { code: "invalid_request", message: "Bad request: the address has malformed percent-encoding" },
      });
    } else {
      expect(response.headers()["content-type"]).toContain("text/plain");
      expect(await response.text()).toBe("Bad request: the address has malformed percent-encoding");
    }
  }
  // Well-formed encoding still routes: a webhook id that exists nowhere is a 404.
  expect((await page.request.get("/api/webhooks/wh_%41%42/health")).status()).toBe(404);
});

test("a server action called from another site gets 403 and changes nothing", { tag: DB_INDEPENDENT }, async ({
  page,
  baseURL,
}) => {
  const request = page.request;
  const body = VALID_ARGS("https://example.com/cross-site");
  for (const origin of ["https://evil.example", "null", `${baseURL}.evil.example`]) {
    const response = await callCreateWebhook(request, baseURL!, { origin, body });
    expect(response.status(), origin).toBe(403);
    expect(response.headers()["content-type"]).toContain("text/plain");
    expect(await response.text()).toBe("Forbidden: this request came from another site");
  }
  // No Origin, but Fetch Metadata says another site made the request.
  const noOrigin = await callCreateWebhook(request, baseURL!, { origin: "", body, headers: { "sec-fetch-site": "cross-site" } });
  expect(noOrigin.status()).toBe(403);
  // next-auth's POSTs are guarded the same way.
  const signOut = await request.post("/api/auth/signout", {
    headers: { origin: "https://evil.example" },
    form: { csrfToken: "x" },
  });
  expect(signOut.status()).toBe(403);
  expect(await webhookCount(request)).toBe(0);

  // The very same call from our own origin works: the 403s above were the origin, not the body.
  const own = await callCreateWebhook(request, baseURL!, { body });
  expect(own.status()).toBe(200);
  expect(await own.text()).toContain('"ok":true');
  expect(await webhookCount(request)).toBe(1);
});

test("broken server-action bodies answer 400 or 413 and change nothing", { tag: DB_INDEPENDENT }, async ({ page, baseURL }) => {
  const request = page.request;
  const broken = [
    "[",
    "",
    "null",
    '"x"',
    "{}",
    '["$1"]',
    '["$Q1"]',
    '["$F1"]',
    '["$B1"]',
    '["$@1"]',
    '["$Z"]',
    '["$n12x"]',
    `[${"[".repeat(100_000)}${"]".repeat(100_000)}]`,
    '[{"url":"$T"}]',
  ];
  for (const body of broken) {
    const response = await callCreateWebhook(request, baseURL!, { body });
    expect(response.status(), body.slice(0, 40)).toBe(400);
    expect(await response.text()).toMatch(/^Bad request: /);
  }
  const huge = await callCreateWebhook(request, baseURL!, { body: JSON.stringify(["x".repeat(2 * 1024 * 1024)]) });
  expect(huge.status()).toBe(413);

  const multipart = (data: string, withAction: boolean) =>
    request.post("/settings/webhooks", {
      headers: {
        origin: baseURL!,
        "content-type": "multipart/form-data; boundary=xx",
        ...(withAction ? { "next-action": actionId("createWebhookAction") } : {}),
      },
      data,
    });
  expect((await multipart("garbage", true)).status()).toBe(400);
  expect((await multipart("garbage", false)).status()).toBe(400);
  expect((await multipart('--xx\r\nContent-Disposition: form-data; name="0"\r\n\r\n[\r\n--xx--\r\n', true)).status()).toBe(400);
  expect((await multipart('--xx\r\nContent-Disposition: form-data; name="1"\r\n\r\nx\r\n--xx--\r\n', true)).status()).toBe(400);

  // A value that is valid but wrong gets the action's own answer, not a framework error.
  const wrongShape = await callCreateWebhook(request, baseURL!, { body: '[{"__proto__":{"url":1}}]' });
  expect(wrongShape.status()).toBe(200);
  expect(await wrongShape.text()).toContain('"ok":false');
  expect(await webhookCount(request)).toBe(0);
});
