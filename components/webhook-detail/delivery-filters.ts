import type { DeliveryStatusTab } from "@/lib/validation/deliveries";
import { DOTTED_EVENT_NAMES } from "@/lib/webhooks/events";

// The log's filters live in the URL (shareable, survive reload and back/forward). The server
// validates them again (lib/validation/deliveries.ts); here unknown values are just dropped.

export type DeliveryFilters = { status: DeliveryStatusTab; events: string[]; search: string };

export const STATUS_TABS: { value: DeliveryStatusTab; label: string }[] = [
  { value: "all", label: "All" },
  { value: "succeeded", label: "Succeeded" },
  { value: "failed", label: "Failed" },
  { value: "pending", label: "Pending" },
];

const KNOWN_EVENTS = new Set(DOTTED_EVENT_NAMES);

export function filtersFromParams(params: URLSearchParams): DeliveryFilters {
  const status = STATUS_TABS.find((tab) => tab.value === params.get("status"))?.value ?? "all";
  const events = [...new Set(params.getAll("event").flatMap((value) => value.split(",")))].filter((name) =>
    KNOWN_EVENTS.has(name),
  );
  return {
    status,
    events: DOTTED_EVENT_NAMES.filter((name) => events.includes(name)),
    search: (params.get("search") ?? "").trim(),
  };
}

/** The query string of the filters (also what the deliveries route reads). */
export function filtersToParams(filters: DeliveryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status !== "all") params.set("status", filters.status);
  for (const name of filters.events) params.append("event", name);
  if (filters.search) params.set("search", filters.search);
  return params;
}
