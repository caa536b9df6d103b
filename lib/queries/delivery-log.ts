"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { DeliveryDetail } from "@/lib/delivery-log/get-delivery";
import type { WebhookHealth } from "@/lib/delivery-log/get-webhook-health";
import type { WebhookStats } from "@/lib/delivery-log/get-webhook-stats";
import type { DeliveryPage } from "@/lib/delivery-log/list-deliveries";
import type { StatsRange } from "@/lib/delivery-log/stats-ranges";
import { deliveryFiltersToParams, type TDeliveryFilters } from "@/lib/validation/delivery-filters";
import { fetchJson } from "./fetch-json";
import { queryKeys } from "./query-keys";

// The detail page's live data, polled while it is open (react-query pauses polling in a
// hidden tab). The server's first render seeds the first page and the health.

/** How often the log and the open delivery refresh: attempts land within seconds. */
const LOG_POLL_MS = 2_000;
const HEALTH_POLL_MS = 5_000;

export function useDeliveries(webhookId: string, filters: TDeliveryFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.deliveries(webhookId, filters),
    queryFn: ({ pageParam }) => {
      const params = deliveryFiltersToParams(filters);
      if (pageParam) params.set("cursor", pageParam);
      return fetchJson<DeliveryPage>(`/api/webhooks/${encodeURIComponent(webhookId)}/deliveries?${params}`);
    },
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: LOG_POLL_MS,
    // Changing a filter shows the old rows (dimmed) until the new ones arrive, not a skeleton.
    placeholderData: (previous) => previous,
  });
}

export function useWebhookHealth(webhookId: string) {
  return useQuery({
    queryKey: queryKeys.health(webhookId),
    queryFn: () => fetchJson<WebhookHealth>(`/api/webhooks/${encodeURIComponent(webhookId)}/health`),
    refetchInterval: HEALTH_POLL_MS,
  });
}

/** The chart: deliveries per bucket over 24 h or 7 days; the last window shown stays while the other loads. */
export function useWebhookStats(webhookId: string, range: StatsRange) {
  return useQuery({
    queryKey: queryKeys.stats(webhookId, range),
    queryFn: () => fetchJson<WebhookStats>(`/api/webhooks/${encodeURIComponent(webhookId)}/stats?range=${range}`),
    refetchInterval: HEALTH_POLL_MS,
    placeholderData: (previous) => previous,
  });
}

export function useDelivery(webhookId: string, deliveryId: string | null) {
  return useQuery({
    queryKey: queryKeys.delivery(webhookId, deliveryId),
    queryFn: () => fetchJson<DeliveryDetail>(`/api/deliveries/${encodeURIComponent(deliveryId ?? "")}`),
    enabled: deliveryId !== null,
    refetchInterval: LOG_POLL_MS,
  });
}
