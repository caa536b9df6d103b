// GET /api/webhooks: the signed-in user's webhooks (no secrets), for the Webhooks tab's list.
import { withSession } from "@/lib/http/with-session";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";

export const GET = withSession(async ({ user }) => Response.json({ webhooks: await listWebhooks(user.id) }));
