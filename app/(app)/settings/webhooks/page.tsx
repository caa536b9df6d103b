import { WebhooksTab } from "@/components/webhooks/webhooks-tab";
import { requireUser } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/webhooks/manage/list-webhooks";

export default async function WebhooksPage() {
  const user = await requireUser();
  return <WebhooksTab initialWebhooks={await listWebhooks(user.id)} />;
}
