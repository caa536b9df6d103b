"use client";

import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { DeliveryDetail } from "@/lib/delivery-log/get-delivery";
import type { WebhookHealth } from "@/lib/delivery-log/get-webhook-health";
import type { DeliveryPage } from "@/lib/delivery-log/list-deliveries";
import { deliveryFiltersToParams, type TDeliveryFilters } from "@/lib/validation/delivery-filters";
import { fetchJson } from "./fetch-json";

// Live data of the detail page, polled while it is open (react-query pauses polling in a
// hidden tab). Keys start with the webhook id so one invalidation refreshes log and health.

/** How often the log, the open delivery and the health strip refresh. */
export const LOG_POLL_MS = 2_000;
const HEALTH_POLL_MS = 5_000;

export const webhookDataKey = (webhookId: string) => ["webhook-detail", webhookId] as const;

/** The first page as the server rendered it, for the filters the page was opened with. */
export type InitialLog = { filtersKey: string; page: DeliveryPage };

export function useDeliveries(webhookId: string, filters: TDeliveryFilters, initial?: InitialLog) {
  // Only the URL's first filters have server data; another filter set starts empty, not with it.
  const initialPage = initial && initial.filtersKey === deliveryFiltersToParams(filters).toString() ? initial.page : undefined;
  return useInfiniteQuery({
    queryKey: [...webhookDataKey(webhookId), "deliveries", filters],
    queryFn: ({ pageParam }) => {
      const params = deliveryFiltersToParams(filters);
      if (pageParam) params.set("cursor", pageParam);
      return fetchJson<DeliveryPage>(`/api/webhooks/${encodeURIComponent(webhookId)}/deliveries?${params}`);
    },
    initialPageParam: "",
    initialData: initialPage ? { pages: [initialPage], pageParams: [""] } : undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: LOG_POLL_MS,
    // Changing a filter shows the old rows (dimmed) until the new ones arrive, not a skeleton.
    placeholderData: (previous) => previous,
  });
}

export function useWebhookHealth(webhookId: string, initialData?: WebhookHealth) {
  return useQuery({
    initialData,
    queryKey: [...webhookDataKey(webhookId), "health"],
    queryFn: () => fetchJson<WebhookHealth>(`/api/webhooks/${encodeURIComponent(webhookId)}/health`),
    refetchInterval: HEALTH_POLL_MS,
  });
}

export function useDelivery(webhookId: string, deliveryId: string | null) {
  return useQuery({
    queryKey: [...webhookDataKey(webhookId), "delivery", deliveryId],
    queryFn: () => fetchJson<DeliveryDetail>(`/api/deliveries/${encodeURIComponent(deliveryId ?? "")}`),
    enabled: deliveryId !== null,
    refetchInterval: LOG_POLL_MS,
  });
}

/** After Test, Resend or Recover: fetch the log, the open delivery and the health at once. */
export function useRefreshWebhookData(webhookId: string) {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: webhookDataKey(webhookId) }), [queryClient, webhookId]);
}
