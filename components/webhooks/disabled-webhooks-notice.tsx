"use client";

import Link from "next/link";
import { TimeText } from "@/components/ui/time-text";
import { useWebhooks } from "@/lib/queries/webhooks";
import { disabledWebhookNotices } from "@/lib/webhooks/disabled-notices";

/**
 * The in-app notice on the Webhooks tab: webhooks the system switched off (continuous failures,
 * 410 Gone), each with its reason and a link to its page, where Re-enable is one click. It
 * reads the list's own query, so it changes in the same render as the rows.
 */
export function DisabledWebhooksNotice() {
  const notices = disabledWebhookNotices(useWebhooks().data ?? []);
  if (notices.length === 0) return null;
  return (
    <section
      aria-labelledby="disabled-notice-heading"
      className="grid gap-2 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
    >
      <h2 id="disabled-notice-heading" className="font-semibold">
        {notices.length === 1 ? "A webhook was disabled" : `${notices.length} webhooks were disabled`}: nothing is being sent to{" "}
        {notices.length === 1 ? "it" : "them"}
      </h2>
      <ul className="grid gap-1.5">
        {notices.map((notice) => (
          <li key={notice.webhookId} className="flex flex-wrap items-baseline gap-x-2">
            <Link
              href={`/settings/webhooks/${notice.webhookId}`}
              className="break-all font-mono text-xs font-medium underline underline-offset-2"
            >
              {notice.url}
            </Link>
            <span>
              {notice.reason} (<TimeText ms={notice.disabledAt} show="relative" />)
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
