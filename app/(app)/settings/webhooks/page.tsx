import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { WebhooksTab } from "@/components/webhooks/webhooks-tab";
import { requireUser } from "@/lib/auth/session";
import { queryKeys } from "@/lib/queries/query-keys";
import { serverQueryState } from "@/lib/queries/server-state";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const user = await requireUser();
  const webhooks = await listWebhooks(user.id);
  return (
    <HydrationBoundary state={serverQueryState([[queryKeys.webhooks(), webhooks]])}>
      <WebhooksTab />
    </HydrationBoundary>
  );
}
