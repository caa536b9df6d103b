import { z } from "zod";
import { fieldErrorsOf } from "@/lib/actions/result";
import { parseDeliveryFilters, ZDeliveryFiltersSchema } from "@/lib/validation/delivery-filters";
import { pageParams, pageQuerySchema } from "@/lib/validation/page-query";
import { parseEventName } from "@/lib/webhooks/events";

// Schemas for the delivery log's pages (the JSON route), resend, recover, test events and
// secret rotation: shared by the server actions and routes. The filters themselves are in
// delivery-filters.ts, which the browser loads too.

const ZIdSchema = (what: string) =>
  z
    .string({ error: `Missing ${what} id` })
    .trim()
    .min(1, `Missing ${what} id`)
    .max(64, `Invalid ${what} id`);

export const DELIVERY_PAGE_SIZE_DEFAULT = 25;
export const DELIVERY_PAGE_SIZE_MAX = 100;

const ZDeliveryPageSchema = pageQuerySchema({
  defaultLimit: DELIVERY_PAGE_SIZE_DEFAULT,
  maxLimit: DELIVERY_PAGE_SIZE_MAX,
});

/** One page of the log: the filters and where the page starts. */
export const ZListDeliveriesQuerySchema = ZDeliveryFiltersSchema.extend(ZDeliveryPageSchema.shape);
export type TListDeliveriesQueryInput = z.input<typeof ZListDeliveriesQuerySchema>;
export type TListDeliveriesQuery = z.output<typeof ZListDeliveriesQuerySchema>;

/**
 * The deliveries route's query string: the log's filters (parseDeliveryFilters) plus
 * `&cursor=…&limit=50`. Anything unreadable is a field error, for a 400.
 */
export function listDeliveriesQueryFromSearchParams(
  params: URLSearchParams,
): { success: true; data: TListDeliveriesQuery } | { success: false; fieldErrors: Record<string, string> } {
  const { filters, fieldErrors } = parseDeliveryFilters(params);
  const page = ZDeliveryPageSchema.safeParse(pageParams(params));
  if (fieldErrors || !page.success) {
    return { success: false, fieldErrors: { ...fieldErrors, ...(page.success ? {} : fieldErrorsOf(page.error)) } };
  }
  return { success: true, data: { ...filters, ...page.data } };
}

export const ZDeliveryIdSchema = z.object({ deliveryId: ZIdSchema("delivery") });
export type TDeliveryIdInput = z.input<typeof ZDeliveryIdSchema>;

export const ZWebhookRefSchema = z.object({ webhookId: ZIdSchema("webhook") });
export type TWebhookRefInput = z.input<typeof ZWebhookRefSchema>;

/** Recover "since": a past time, as unix ms or an ISO date string (datetime-local). */
export const ZRecoverDeliveriesSchema = z.object({
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
export type TRecoverDeliveriesInput = z.input<typeof ZRecoverDeliveriesSchema>;
export type TRecoverDeliveriesSchema = z.output<typeof ZRecoverDeliveriesSchema>;

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
