// GET /api/webhooks: the signed-in user's webhooks (no secrets), for the Webhooks tab's list.
import { NextResponse } from "next/server";
import { getSessionUser } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";

export async function GET() {
  const user = await getSessionUser();
  if (!user) return NextResponse.json({ error: { code: "unauthorized", message: "Sign in first" } }, { status: 401 });
  return NextResponse.json({ webhooks: await listWebhooks(user.id) }, { headers: { "cache-control": "no-store" } });
}
