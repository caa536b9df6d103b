import type { StatsRange } from "@/lib/delivery-log/stats-ranges";
import type { TDeliveryFilters } from "@/lib/validation/delivery-filters";

// Every react-query key in the app. The server pages put their first render's data under the
// same keys (lib/queries/server-state.ts), so the browser starts from it instead of fetching.

export const queryKeys = {
  /** The Webhooks tab's list; its disabled-webhooks notice is read from the same data. */
  webhooks: () => ["webhooks"] as const,
  /** One webhook, for its detail page's header. */
  webhook: (webhookId: string) => ["webhook", webhookId] as const,
  health: (webhookId: string) => ["webhook", webhookId, "health"] as const,
  /** The detail page's chart for one window. */
  stats: (webhookId: string, range: StatsRange) => ["webhook", webhookId, "stats", range] as const,
  /** The log for one set of filters (the infinite query's pages). */
  deliveries: (webhookId: string, filters: TDeliveryFilters) => ["webhook", webhookId, "deliveries", filters] as const,
  delivery: (webhookId: string, deliveryId: string | null) => ["webhook", webhookId, "delivery", deliveryId] as const,
  /** Recover's preview: how many Failing and Failed deliveries since a time. */
  recoverable: (webhookId: string, since: number) => ["webhook", webhookId, "recoverable", since] as const,
  apiTokens: () => ["api-tokens"] as const,
};
