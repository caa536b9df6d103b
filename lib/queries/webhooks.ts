"use client";

import { useQuery } from "@tanstack/react-query";
import type { WebhookDetailView } from "@/lib/webhooks/get-webhook-detail";
import type { WebhookListItem } from "@/lib/webhooks/list-webhooks";
import { fetchJson } from "./fetch-json";
import { queryKeys } from "./query-keys";

// The system can disable a webhook while its page is open (410 Gone, auto-disable): the list,
// its notice and the detail header read again now and then, beside every change made here.
const WEBHOOK_POLL_MS = 5_000;

/** The Webhooks tab: the list with its health column and, from the same data, the disabled-webhooks notice. */
export function useWebhooks() {
  return useQuery({
    queryKey: queryKeys.webhooks(),
    queryFn: async () => (await fetchJson<{ webhooks: WebhookListItem[] }>("/api/webhooks")).webhooks,
    refetchInterval: WEBHOOK_POLL_MS,
  });
}

/** One webhook for its detail page: header, secret state, subscribed events. */
export function useWebhook(webhookId: string) {
  return useQuery({
    queryKey: queryKeys.webhook(webhookId),
    queryFn: () => fetchJson<WebhookDetailView>(`/api/webhooks/${encodeURIComponent(webhookId)}`),
    refetchInterval: WEBHOOK_POLL_MS,
  });
}
