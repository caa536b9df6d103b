import { z } from "zod";
import { fieldErrorsOf } from "@/lib/actions/result";
import { DELIVERY_STATE_NAMES } from "@/lib/delivery-log/delivery-states";
import { DOTTED_EVENT_NAMES, parseEventName, toDottedName } from "@/lib/webhooks/events";

// The delivery log's filters and their place in the URL, read the same way by the page's
// server render, the browser's filter controls and GET /api/webhooks/:id/deliveries:
// `?status=failing&event=document.signed&event=document.sent&search=msg_…`. `event` may repeat
// or hold a comma-separated list, in either name form. No Node imports: the browser runs it too.

/** "all" or one delivery state (delivery-states.ts), in the order the tabs show them. */
export const DELIVERY_STATUS_TABS = ["all", ...DELIVERY_STATE_NAMES] as const;
export type DeliveryStatusTab = (typeof DELIVERY_STATUS_TABS)[number];

export const ZDeliveryFiltersSchema = z.object({
  status: z.enum(DELIVERY_STATUS_TABS, { error: `Status must be one of ${DELIVERY_STATUS_TABS.join(", ")}` }).default("all"),
  /** Wire or dotted names, given in any order; dotted and in catalogue order once parsed. None means every event. */
  events: z
    .array(z.string().trim().max(64))
    .max(DOTTED_EVENT_NAMES.length * 2, "Too many events")
    .superRefine((names, ctx) => {
      const unknown = names.filter((name) => !parseEventName(name));
      if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `Unknown event: ${unknown.slice(0, 3).join(", ")}` });
    })
    .transform((names) => {
      const picked = new Set(names.map((name) => toDottedName(parseEventName(name)!)));
      return DOTTED_EVENT_NAMES.filter((name) => picked.has(name));
    })
    .default([]),
  /** A delivery id (msg_…) or an event id (evt_…), matched exactly; "" for none. */
  search: z.string().trim().max(64, "Search by a delivery id (msg_…) or an event id (evt_…)").default(""),
});
export type TDeliveryFilters = z.output<typeof ZDeliveryFiltersSchema>;

export type ParsedDeliveryFilters = {
  /** Always usable: a field that could not be read is at its default (every status, every event, no search). */
  filters: TDeliveryFilters;
  /** What could not be read, per field; undefined when everything could. */
  fieldErrors?: Record<string, string>;
};

function readFilterParams(params: URLSearchParams) {
  return {
    status: params.get("status") ?? undefined,
    events: params
      .getAll("event")
      .flatMap((value) => value.split(","))
      .map((value) => value.trim())
      .filter(Boolean),
    search: params.get("search") ?? undefined,
  };
}

/**
 * The filters in a URL's search params. The JSON route answers 400 with `fieldErrors`; the
 * page and the browser show the log with what could be read (a stale link still opens).
 */
export function parseDeliveryFilters(params: URLSearchParams): ParsedDeliveryFilters {
  const raw = readFilterParams(params);
  const parsed = ZDeliveryFiltersSchema.safeParse(raw);
  if (parsed.success) return { filters: parsed.data };
  const fieldErrors = fieldErrorsOf(parsed.error);
  const readable = Object.fromEntries(Object.entries(raw).filter(([field]) => !(field in fieldErrors)));
  return { filters: ZDeliveryFiltersSchema.parse(readable), fieldErrors };
}

/** The search params of the filters, defaults left out: parseDeliveryFilters reads them back unchanged. */
export function deliveryFiltersToParams(filters: TDeliveryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status !== "all") params.set("status", filters.status);
  for (const name of filters.events) params.append("event", name);
  if (filters.search) params.set("search", filters.search);
  return params;
}
