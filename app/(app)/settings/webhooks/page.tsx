import { DisabledWebhooksNotice } from "@/components/webhook-detail/disabled-webhooks-notice";
import { WebhooksTab } from "@/components/webhooks/webhooks-tab";
import { requireUser } from "@/lib/auth/session";
import { listAutoDisabledWebhooks } from "@/lib/webhooks/list-auto-disabled-webhooks";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";

export default async function WebhooksPage() {
  const user = await requireUser();
  const [webhooks, notices] = await Promise.all([listWebhooks(user.id), listAutoDisabledWebhooks(user.id)]);
  return (
    <div className="grid gap-4">
      <DisabledWebhooksNotice notices={notices} />
      <WebhooksTab initialWebhooks={webhooks} />
    </div>
  );
}
