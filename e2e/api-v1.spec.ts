import { expect, test } from "./fixtures";

// A user makes a read-only token in settings, sees its access in the list, reads their
// webhooks with it and is refused a change; then opens the API reference from the tab (its
// axe scan is finish.spec.ts's, with the other pages full of data).

test("a read-only token reads the REST API and is refused a write; the reference lists every operation", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await page.goto("/settings/tokens");
  await page.getByRole("button", { name: "Create token" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Token name").fill("Dashboard");
  await dialog.getByRole("radio", { name: /Read only/ }).check();
  await dialog.getByRole("button", { name: "Create token" }).click();
  const token = await dialog.getByLabel("Your new API token").inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("row", { name: /Dashboard/ })).toContainText("Read only");

  // A fresh client per call, as curl would be.
  const call = async (method: "GET" | "POST", path: string, data?: unknown) => {
    const api = await playwright.request.newContext({ baseURL });
    try {
      const response = await api.fetch(path, { method, headers: { authorization: `Bearer ${token}` }, data });
      return { status: response.status(), body: await response.json() };
    } finally {
      await api.dispose();
    }
  };
  expect(await call("GET", "/api/v1/webhooks")).toEqual({ status: 200, body: { data: [], nextCursor: null } });
  const refused = await call("POST", "/api/v1/webhooks", { url: "https://example.com/hook", events: ["document.signed"] });
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe("forbidden");
  expect((await call("GET", "/api/v1/webhooks")).body.data).toEqual([]);

  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  for (const operation of ["List webhooks", "Create a webhook", "Update a webhook", "Resend a delivery", "Send an event"]) {
    await expect(page.getByRole("heading", { name: new RegExp(operation) })).toBeVisible();
  }
  await expect(page.getByRole("table", { name: "Create a webhook: body" })).toContainText("customHeaders");
});
