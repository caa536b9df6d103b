// Settings → Webhooks → one webhook: its log, health and actions (404 for anyone but its owner).
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { WebhookDetail } from "@/components/webhook-detail/webhook-detail";
import { requireUser } from "@/lib/auth/session";
import { getWebhookDetail } from "@/lib/webhooks/detail/get-webhook-detail";

export default async function WebhookDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const webhook = await getWebhookDetail(user.id, id);
  if (!webhook) notFound();
  // Suspense: the log reads useSearchParams, which needs a boundary in a server-rendered page.
  return (
    <Suspense>
      <WebhookDetail webhook={webhook} />
    </Suspense>
  );
}
