import { DisabledWebhooksNotice } from "@/components/webhook-detail/disabled-webhooks-notice";
import { WebhooksTab } from "@/components/webhooks/webhooks-tab";
import { requireUser } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/webhooks/manage/list-webhooks";
import { listAutoDisabledWebhooks } from "@/lib/webhooks/notices/list-auto-disabled-webhooks";

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
