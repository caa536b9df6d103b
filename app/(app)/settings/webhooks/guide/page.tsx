// Settings → Webhooks → Guide: how deliveries work, how to verify them, every event's example.
import type { Metadata } from "next";
import { WebhookGuide } from "@/components/webhook-guide/webhook-guide";

export const metadata: Metadata = { title: "Webhooks guide" };

export default function WebhookGuidePage() {
  return <WebhookGuide />;
}
