import { z } from "zod";
import { decodeDeliveryCursor } from "@/lib/delivery-log/cursor";
import { DOTTED_EVENT_NAMES, parseEventName, type WireEventName } from "@/lib/webhooks/events";

// Schemas for the delivery log's filters (URL search params and the JSON route), resend,
// recover, test events and secret rotation: shared by the UI, the server actions and routes.

const ZIdSchema = (what: string) =>
  z
    .string({ error: `Missing ${what} id` })
    .trim()
    .min(1, `Missing ${what} id`)
    .max(64, `Invalid ${what} id`);

export const DELIVERY_STATUS_TABS = ["all", "succeeded", "failed", "pending"] as const;
export type DeliveryStatusTab = (typeof DELIVERY_STATUS_TABS)[number];

export const DELIVERY_PAGE_SIZE_DEFAULT = 25;
export const DELIVERY_PAGE_SIZE_MAX = 100;

const ZEventFilterSchema = z
  .array(z.string().trim().max(64))
  .max(DOTTED_EVENT_NAMES.length * 2, "Too many events")
  .superRefine((names, ctx) => {
    const unknown = names.filter((name) => !parseEventName(name));
    if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `Unknown event: ${unknown.slice(0, 3).join(", ")}` });
  })
  .transform((names) => [...new Set(names.map((name) => parseEventName(name) as WireEventName))]);

export const ZListDeliveriesQuerySchema = z.object({
  status: z.enum(DELIVERY_STATUS_TABS, { error: "Status must be all, succeeded, failed or pending" }).default("all"),
  /** Wire or dotted names; none means every event. */
  events: ZEventFilterSchema.default([]),
  /** A delivery id (msg_…) or an event id (evt_…), matched exactly. */
  search: z
    .string()
    .trim()
    .max(64, "Search by a delivery id (msg_…) or an event id (evt_…)")
    .optional()
    .transform((value) => value || undefined),
  cursor: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const cursor = decodeDeliveryCursor(value);
      if (!cursor) {
        ctx.addIssue({ code: "custom", message: "Invalid page cursor: reload the list from the first page" });
        return z.NEVER;
      }
      return cursor;
    }),
  limit: z.coerce
    .number({ error: "Page size must be a number" })
    .int("Page size must be a whole number")
    .min(1, "Page size must be at least 1")
    .max(DELIVERY_PAGE_SIZE_MAX, `Page size must be at most ${DELIVERY_PAGE_SIZE_MAX}`)
    .default(DELIVERY_PAGE_SIZE_DEFAULT),
});
export type TListDeliveriesQueryInput = z.input<typeof ZListDeliveriesQuerySchema>;
export type TListDeliveriesQuery = z.output<typeof ZListDeliveriesQuerySchema>;

/**
 * The same filters from URL search params (the page's URL and the polling route):
 * `?status=failed&event=document.signed&event=document.sent&search=msg_…&cursor=…&limit=50`.
 * `event` may repeat or hold a comma-separated list.
 */
export function listDeliveriesQueryFromSearchParams(params: URLSearchParams) {
  const events = params
    .getAll("event")
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter(Boolean);
  return ZListDeliveriesQuerySchema.safeParse({
    status: params.get("status") ?? undefined,
    events,
    search: params.get("search") ?? undefined,
    cursor: params.get("cursor") ?? undefined,
    limit: params.get("limit") ?? undefined,
  });
}

export const ZDeliveryIdSchema = z.object({ deliveryId: ZIdSchema("delivery") });
export type TDeliveryIdInput = z.input<typeof ZDeliveryIdSchema>;

export const ZWebhookRefSchema = z.object({ webhookId: ZIdSchema("webhook") });
export type TWebhookRefInput = z.input<typeof ZWebhookRefSchema>;

/** "Recover failed since": a past time, as unix ms or an ISO date string (datetime-local). */
export const ZRecoverFailedSchema = z.object({
  webhookId: ZIdSchema("webhook"),
  since: z
    .union([z.number(), z.string().trim().min(1, "Choose a start time")], { error: "Choose a start time" })
    .transform((value, ctx) => {
      const ms = typeof value === "number" ? value : Date.parse(value);
      if (!Number.isFinite(ms) || ms < 0) {
        ctx.addIssue({ code: "custom", message: "Choose a valid start time" });
        return z.NEVER;
      }
      if (ms > Date.now()) {
        ctx.addIssue({ code: "custom", message: "The start time must be in the past" });
        return z.NEVER;
      }
      return Math.floor(ms);
    }),
});
export type TRecoverFailedInput = z.input<typeof ZRecoverFailedSchema>;
export type TRecoverFailedSchema = z.output<typeof ZRecoverFailedSchema>;

export const ZSendTestEventSchema = z.object({
  webhookId: ZIdSchema("webhook"),
  event: z
    .string({ error: "Choose an event" })
    .trim()
    .min(1, "Choose an event")
    .transform((name, ctx) => {
      const wire = parseEventName(name);
      if (!wire) {
        ctx.addIssue({ code: "custom", message: `Unknown event: ${name.slice(0, 64)}` });
        return z.NEVER;
      }
      return wire;
    }),
});
export type TSendTestEventInput = z.input<typeof ZSendTestEventSchema>;
export type TSendTestEventSchema = z.output<typeof ZSendTestEventSchema>;
