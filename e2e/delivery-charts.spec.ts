import type { Page } from "@playwright/test";
import { formatPercent } from "../lib/format";
import {
  expect,
  expectNoPageScroll,
  expectNoSeriousViolations,
  seedDeliveryHistory,
  seedWebhook,
  type TestUser,
  test,
} from "./fixtures";
import { DB_INDEPENDENT } from "./tags";

// Look before you read: the detail page's chart of deliveries (24 h and 7 days: delivered and
// failed bars, p95 line, a sentence with the totals) and the Webhooks list's health column
// (newest delivery's state, 24 h success rate, sparkline), with a week of seeded history, on a
// desktop and on a phone. The totals come from each dialect's own aggregation, so the desktop
// runs on every database; the phone adds only the width, checked once.

for (const [device, viewport, tag] of [
  ["desktop", { width: 1280, height: 800 }, []],
  ["phone", { width: 390, height: 844 }, [DB_INDEPENDENT]],
] as const) {
  test.describe(`at ${viewport.width}×${viewport.height} (${device})`, { tag: [...tag] }, () => {
    test.use({ viewport });

    async function seeded(user: TestUser, path: string) {
      const webhook = await seedWebhook(user, { url: `http://127.0.0.1:9/hooks/${path}`, events: ["document.signed"] });
      const totals = await seedDeliveryHistory(user, webhook.id);
      return { ...webhook, totals };
    }

    function chart(page: Page) {
      return page.getByRole("region", { name: /Deliveries over time/ });
    }

    test("the detail page charts 24 hours and 7 days of deliveries", async ({ page, user }) => {
      const { detailPath, totals } = await seeded(user, "chart");
      await page.goto(detailPath);

      const section = chart(page);
      const day = `Last 24 hours: ${totals.day.delivered} delivered, ${totals.day.failed} failed`;
      await expect(section.getByText(day)).toBeVisible();
      await expect(section.getByRole("button", { name: "24 h" })).toHaveAttribute("aria-pressed", "true");
      // The picture: bars for both outcomes and the p95 line.
      await expect(section.locator(".recharts-bar-rectangle").first()).toBeVisible();
      await expect(section.locator(".recharts-line-curve")).toHaveCount(1);
      await expect(section.getByRole("table", { name: "Deliveries per hour, last 24 hours" })).toBeAttached();
      await expectNoPageScroll(page, "detail with chart (24 h)");
      await expectNoSeriousViolations(page, "detail with chart (24 h)");

      await section.getByRole("button", { name: "7 days" }).click();
      await expect(section.getByRole("button", { name: "7 days" })).toHaveAttribute("aria-pressed", "true");
      const week = `Last 7 days: ${totals.week.delivered} delivered, ${totals.week.failed} failed`;
      await expect(section.getByText(week)).toBeVisible();
      await expect(section.getByRole("table", { name: "Deliveries per 6 hours, last 7 days" })).toBeAttached();
      const box = await section.locator(".recharts-surface").boundingBox();
      expect(box?.width, "the chart fits the window").toBeLessThanOrEqual(viewport.width);
      await expectNoPageScroll(page, "detail with chart (7 days)");
      await expectNoSeriousViolations(page, "detail with chart (7 days)");
    });

    test("a webhook with no deliveries says so instead of an empty chart", async ({ page, user }) => {
      const { detailPath } = await seedWebhook(user, { url: "http://127.0.0.1:9/hooks/quiet", events: ["document.signed"] });
      await page.goto(detailPath);
      const section = chart(page);
      await expect(section.getByText("No deliveries in the last 24 hours")).toBeVisible();
      await expect(section.locator(".recharts-surface")).toHaveCount(0);
      await section.getByRole("button", { name: "7 days" }).click();
      await expect(section.getByText("No deliveries in the last 7 days")).toBeVisible();
    });

    test("the Webhooks list shows each webhook's last state, 24 h success rate and sparkline", async ({ page, user }) => {
      const busy = await seeded(user, "busy");
      await seedWebhook(user, { url: "http://127.0.0.1:9/hooks/idle", events: ["document.signed"] });
      await page.goto("/settings/webhooks");

      await expect(page.getByRole("columnheader", { name: "Health" })).toBeAttached();
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: busy.url, exact: true }) });
      // The newest seeded delivery arrived with a 200.
      await expect(row.getByText("Delivered200")).toBeVisible();
      const { delivered, failed } = busy.totals.day;
      await expect(row.getByText(`${formatPercent(delivered / (delivered + failed))} · 24 h`)).toBeVisible();
      await expect(row.getByRole("img", { name: `Last 24 hours: ${delivered} delivered, ${failed} failed` })).toBeVisible();

      const idle = page.getByRole("row").filter({ has: page.getByRole("link", { name: "http://127.0.0.1:9/hooks/idle" }) });
      await expect(idle.getByText("No deliveries yet")).toBeVisible();
      await expectNoPageScroll(page, "list with health column");
      await expectNoSeriousViolations(page, "list with health column");
    });
  });
}
