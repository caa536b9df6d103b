"use client";

import { useQuery } from "@tanstack/react-query";
import type { WebhookView } from "@/lib/webhooks/webhook-view";

export const WEBHOOKS_QUERY_KEY = ["webhooks"] as const;

async function fetchWebhooks(): Promise<WebhookView[]> {
  const response = await fetch("/api/webhooks", { headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok)
    throw new Error(response.status === 401 ? "Your session ended. Sign in again." : "Could not load your webhooks.");
  const body = (await response.json()) as { webhooks: WebhookView[] };
  return body.webhooks;
}

/** The list, seeded by the server render, refetched after every mutation (invalidateQueries). */
export function useWebhooks(initialData?: WebhookView[]) {
  return useQuery({ queryKey: WEBHOOKS_QUERY_KEY, queryFn: fetchWebhooks, initialData });
}
