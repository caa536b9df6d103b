import { z } from "zod";
import type { AttemptTrigger } from "@/db/types";
import { DELIVERY_STATE_NAMES, DELIVERY_STATES } from "@/lib/delivery-log/delivery-states";
import type { DeliveryDetail } from "@/lib/delivery-log/get-delivery";
import type { DeliveryListRow } from "@/lib/delivery-log/list-deliveries";
import type { ApiErrorCode } from "@/lib/http/api-error";
import { DOTTED_EVENT_NAMES } from "@/lib/webhooks/events";
import type { WebhookDetailView } from "@/lib/webhooks/get-webhook-detail";
import type { TestEventOutcome } from "@/lib/webhooks/send-test-event";

// What the REST API answers, as zod schemas: the OpenAPI document's response schemas come from
// here, and each is tied to the type the feature library returns (the `satisfies` lines), so
// the document cannot drift from what the routes send. Times are unix milliseconds.

const ms = (description: string) => z.number().int().meta({ description });
const msOrNull = (description: string) => z.number().int().nullable().meta({ description });

const ATTEMPT_TRIGGERS = ["scheduled", "manual", "test"] as const satisfies readonly AttemptTrigger[];

export const ZApiEventNameSchema = z.enum(DOTTED_EVENT_NAMES as [string, ...string[]]).meta({ id: "EventName" });

export const ZApiWebhookSchema = z
  .object({
    id: z.string().meta({ example: "wh_3kTMd9Rr0000AbCdEfGhIjKl" }),
    url: z.string().meta({ description: "As the URL parser serialises it: the URL every delivery is POSTed to." }),
    events: z.array(ZApiEventNameSchema).meta({ description: "Dotted names, each once." }),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: "Why the system disabled it (410 Gone, auto-disable)." }),
    disabledAt: msOrNull("When the system disabled it; null when enabled or disabled by hand."),
    hasSecret: z.boolean().meta({ description: "The secret itself is never returned, except once when generated." }),
    sendSecretHeader: z.boolean().meta({ description: "Also send the plain secret in X-Documenso-Secret." }),
    includeRecipientTokens: z.boolean().meta({ description: "Keep recipients' signing tokens in payloads." }),
    customHeaderNames: z.array(z.string()).meta({ description: "Names only: header values are write-only." }),
    rateLimitPerSecond: z.number().int().nullable().meta({
      description: "Deliveries a second at most, across every worker; null for no limit of its own.",
    }),
    previousSecretExpiresAt: msOrNull("Until then the rotated-out secret signs too; null when it no longer does."),
    createdAt: ms("Unix milliseconds."),
    updatedAt: ms("Unix milliseconds."),
  })
  .meta({ id: "Webhook" });
ZApiWebhookSchema satisfies z.ZodType<WebhookDetailView>;

export const ZApiCreatedWebhookSchema = ZApiWebhookSchema.extend({
  secret: z.string().optional().meta({
    description: "Only when the server generated the secret (the request had no `secret`): shown this once.",
  }),
}).meta({ id: "CreatedWebhook" });

export const ZApiWebhookPageSchema = z
  .object({
    data: z.array(ZApiWebhookSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last." }),
  })
  .meta({ id: "WebhookPage" });

export const ZApiRotatedSecretSchema = z
  .object({
    secret: z.string().meta({ description: "The new secret, shown this once." }),
    previousSecretExpiresAt: msOrNull("Until then the old secret signs too; null when there was none."),
  })
  .meta({ id: "RotatedSecret" });

const ZApiTestOutcomeSchema = z
  .union([
    z.object({
      pending: z.literal(false),
      state: z.enum(DELIVERY_STATE_NAMES).meta({ description: "The delivery's state once the attempt was written." }),
      nextAttemptAt: msOrNull("When it is tried again, while Failing."),
      succeeded: z.boolean(),
      statusCode: z.number().int().nullable(),
      durationMs: z.number().int().nullable(),
      responseBody: z.string().nullable().meta({ description: "The first 4,096 characters." }),
      error: z.string().nullable(),
    }),
    z.object({ pending: z.literal(true) }).meta({ description: "No attempt finished within 10 s: see the delivery." }),
  ])
  .meta({ id: "TestOutcome" });
ZApiTestOutcomeSchema satisfies z.ZodType<TestEventOutcome>;

export const ZApiTestResultSchema = z
  .object({ deliveryId: z.string(), eventId: z.string(), outcome: ZApiTestOutcomeSchema })
  .meta({ id: "TestResult" });

export const ZApiRecoverResultSchema = z
  .object({ recovered: z.number().int().meta({ description: "Deliveries queued again (at most 10,000)." }) })
  .meta({ id: "RecoverResult" });

export const ZApiDeliverySchema = z
  .object({
    id: z.string().meta({ description: "Also the `webhook-id` header receivers see." }),
    eventId: z.string(),
    eventType: ZApiEventNameSchema,
    state: z.enum(DELIVERY_STATE_NAMES).meta({
      description: DELIVERY_STATES.map((state) => `\`${state.name}\`: ${state.description}`).join(" "),
    }),
    attemptCount: z.number().int(),
    maxAttempts: z.number().int(),
    manualAttemptCount: z.number().int().meta({ description: "Manual and test attempts; they never move the schedule." }),
    nextAttemptAt: msOrNull("When the schedule's next attempt is due; null once nothing more is scheduled."),
    isResendQueued: z.boolean().meta({ description: "A resend or recover is queued and goes out within moments." }),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: ms("Unix milliseconds."),
    updatedAt: ms("Unix milliseconds."),
  })
  .meta({ id: "Delivery" });
ZApiDeliverySchema satisfies z.ZodType<DeliveryListRow>;

export const ZApiDeliveryPageSchema = z
  .object({
    data: z.array(ZApiDeliverySchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last." }),
  })
  .meta({ id: "DeliveryPage" });

const headers = z.record(z.string(), z.string());

export const ZApiDeliveryAttemptSchema = z
  .object({
    id: z.string(),
    attemptNumber: z.number().int(),
    trigger: z.enum(ATTEMPT_TRIGGERS),
    startedAt: ms("Unix milliseconds."),
    durationMs: z.number().int(),
    succeeded: z.boolean(),
    requestUrl: z.string(),
    requestHeaders: headers,
    requestBody: z.string(),
    responseStatus: z.number().int().nullable(),
    responseHeaders: headers.nullable(),
    responseBody: z.string().nullable().meta({ description: "Cut at 64 KiB." }),
    error: z.string().nullable(),
  })
  .meta({ id: "DeliveryAttempt" });

export const ZApiDeliveryDetailSchema = ZApiDeliverySchema.extend({
  webhookId: z.string(),
  webhookUrl: z.string(),
  attempts: z.array(ZApiDeliveryAttemptSchema).meta({ description: "Oldest first." }),
}).meta({ id: "DeliveryDetail" });
ZApiDeliveryDetailSchema satisfies z.ZodType<DeliveryDetail>;

export const ZApiResentDeliverySchema = z
  .object({ deliveryId: z.string(), webhookId: z.string() })
  .meta({ id: "ResentDelivery" });

export const ZRecordedEventSchema = z
  .object({
    id: z.string().meta({ description: "The event's id (`evt_…`)." }),
    deliveries: z.number().int().meta({ description: "Deliveries queued: 0 when no webhook listens." }),
  })
  .meta({ id: "RecordedEvent" });

const ERROR_CODES = [
  "unauthorized",
  "forbidden",
  "not_found",
  "invalid_query",
  "invalid_request",
  "malformed_json",
  "unknown_event",
  "unsupported_media_type",
  "payload_too_large",
  "method_not_allowed",
  "rate_limited",
  "limit_reached",
  "idempotency_key_reused",
  "webhook_disabled",
  "in_flight",
  "database_unavailable",
  "internal_error",
] as const satisfies readonly ApiErrorCode[];

export const ZApiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: 'A message per bad field, by its path: { "customHeaders.0.name": "…" }.' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error" });
