import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import {
  ZApiCreatedWebhookSchema,
  ZApiDeliveryDetailSchema,
  ZApiDeliveryPageSchema,
  ZApiErrorSchema,
  ZApiRecoverResultSchema,
  ZApiResentDeliverySchema,
  ZApiRotatedSecretSchema,
  ZApiTestResultSchema,
  ZApiWebhookPageSchema,
  ZApiWebhookSchema,
  ZRecordedEventSchema,
} from "@/lib/api-v1/response-schemas";
import { ZApiCreateWebhookSchema, ZApiUpdateWebhookSchema } from "@/lib/api-v1/webhook-input";
import { ZListDeliveriesQuerySchema, ZRecoverDeliveriesSchema, ZSendTestEventSchema } from "@/lib/validation/deliveries";
import { ZDeliveryFiltersSchema } from "@/lib/validation/delivery-filters";
import { ZEventRequestSchema, ZIdempotencyKeySchema } from "@/lib/validation/event-request";
import { ZWebhookPageQuerySchema } from "@/lib/validation/webhook-page";

// The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json and rendered by the API
// reference page. Request schemas are the ones the routes parse with (the forms' schemas),
// response schemas those of response-schemas.ts.

type Status = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

const ERROR_WHEN: Record<Status, string> = {
  400: "Bad input: `error.fields` names each bad field by its path.",
  401: "No API token, or an invalid or revoked one.",
  403: "A read-only token on an operation that changes something.",
  404: "No such resource of the token's owner (another user's id reads the same).",
  409: "The request conflicts with the resource's state (see `error.code`).",
  413: "The body is over 64 KiB.",
  415: "The body is not `application/json`.",
  429: "The token sent more than its rate limit: wait `Retry-After` seconds.",
  503: "The database cannot be reached right now (a restart, a failover): retry after `Retry-After` seconds.",
};

function json<S extends z.ZodType>(schema: S) {
  return { "application/json": { schema } };
}

function responses(ok: ZodOpenApiResponsesObject, errors: Status[]): ZodOpenApiResponsesObject {
  const all: ZodOpenApiResponsesObject = { ...ok };
  for (const status of [401, 429, 503, ...errors] as Status[]) {
    all[`${status}`] = { description: ERROR_WHEN[status], content: json(ZApiErrorSchema) };
  }
  return all;
}

const READ = "Any API token.";
const WRITE = "A read-and-write API token (a read-only one gets 403).";
const BODY_ERRORS: Status[] = [400, 403, 413, 415];

const webhookPath = z.object({ id: z.string().meta({ description: "The webhook's id (`wh_…`)." }) });
const deliveryPath = z.object({ id: z.string().meta({ description: "The delivery's id (`msg_…`)." }) });

const deliveriesQuery = z.object({
  status: ZDeliveryFiltersSchema.shape.status,
  event: z
    .array(z.string())
    .optional()
    .meta({
      description: "Only these events: repeat the parameter or comma-separate, dotted or wire names. None: every event.",
      param: { style: "form", explode: true },
    }),
  search: ZDeliveryFiltersSchema.shape.search.meta({ description: "A delivery id (`msg_…`) or event id (`evt_…`)." }),
  cursor: ZListDeliveriesQuerySchema.shape.cursor.meta({ description: "`nextCursor` of the previous page." }),
  limit: ZListDeliveriesQuerySchema.shape.limit.meta({ description: "Rows per page." }),
});

const operation = (
  summary: string,
  description: string,
  rest: Omit<ZodOpenApiOperationObject, "summary" | "description">,
): ZodOpenApiOperationObject => ({ summary, description, ...rest });

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Docuhooks API",
      version: "1",
      description:
        "Manage your webhooks and read their delivery logs, and send document events. Authenticate with an API token " +
        "(`Authorization: Bearer dh_…`, created under Settings → API tokens); it acts for its owner only. Errors have one " +
        'shape: `{ "error": { "code", "message", "fields"? } }`. Times are unix milliseconds.',
    },
    servers: [{ url: "/", description: "This Docuhooks server" }],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API token: `dh_` and 32 letters and digits." },
      },
    },
    tags: [
      { name: "Webhooks", description: "Subscriptions: where events are delivered." },
      { name: "Deliveries", description: "The delivery log: one delivery per event and webhook, with every attempt." },
      { name: "Events", description: "Send a document event to every subscribed webhook." },
    ],
    paths: {
      "/api/v1/webhooks": {
        get: operation("List webhooks", `Newest first, keyset-paged. ${READ}`, {
          operationId: "listWebhooks",
          tags: ["Webhooks"],
          requestParams: { query: ZWebhookPageQuerySchema },
          responses: responses({ 200: { description: "One page.", content: json(ZApiWebhookPageSchema) } }, [400]),
        }),
        post: operation(
          "Create a webhook",
          "Without `secret`, the server generates one and returns it this once; `secret: null` makes a webhook " +
            `without signatures. With \`Idempotency-Key\`, a retry within 24 h answers 200 with the same webhook. ${WRITE}`,
          {
            operationId: "createWebhook",
            tags: ["Webhooks"],
            requestParams: {
              header: z.object({
                "Idempotency-Key": ZIdempotencyKeySchema.optional().meta({
                  description: "1-255 characters. The same key with a different body is a 409.",
                }),
              }),
            },
            requestBody: { required: true, content: json(ZApiCreateWebhookSchema.meta({ id: "CreateWebhook" })) },
            responses: responses(
              {
                201: { description: "Created.", content: json(ZApiCreatedWebhookSchema) },
                200: {
                  description: "A replay of an earlier request with this Idempotency-Key: that request's webhook.",
                  headers: z.object({ "Idempotent-Replayed": z.literal("true") }),
                  content: json(ZApiCreatedWebhookSchema),
                },
              },
              [...BODY_ERRORS, 409],
            ),
          },
        ),
      },
      "/api/v1/webhooks/{id}": {
        get: operation("Get a webhook", READ, {
          operationId: "getWebhook",
          tags: ["Webhooks"],
          requestParams: { path: webhookPath },
          responses: responses({ 200: { description: "The webhook.", content: json(ZApiWebhookSchema) } }, [404]),
        }),
        patch: operation(
          "Update a webhook",
          "Fields left out keep their value; `enabled` turns it on or off (on clears why the system turned it off). " +
            `\`secret: null\` removes the secret. ${WRITE}`,
          {
            operationId: "updateWebhook",
            tags: ["Webhooks"],
            requestParams: { path: webhookPath },
            requestBody: { required: true, content: json(ZApiUpdateWebhookSchema.meta({ id: "UpdateWebhook" })) },
            responses: responses({ 200: { description: "The webhook now.", content: json(ZApiWebhookSchema) } }, [
              ...BODY_ERRORS,
              404,
            ]),
          },
        ),
        delete: operation("Delete a webhook", `Its delivery log goes with it. ${WRITE}`, {
          operationId: "deleteWebhook",
          tags: ["Webhooks"],
          requestParams: { path: webhookPath },
          responses: responses({ 204: { description: "Deleted." } }, [403, 404]),
        }),
      },
      "/api/v1/webhooks/{id}/rotate-secret": {
        post: operation(
          "Rotate the secret",
          `A new generated secret, returned this once; the old one keeps signing for 24 h. ${WRITE}`,
          {
            operationId: "rotateWebhookSecret",
            tags: ["Webhooks"],
            requestParams: { path: webhookPath },
            responses: responses({ 200: { description: "The new secret.", content: json(ZApiRotatedSecretSchema) } }, [403, 404]),
          },
        ),
      },
      "/api/v1/webhooks/{id}/test": {
        post: operation(
          "Send a test event",
          `The event's example payload to this webhook only; waits up to 10 s for the first attempt. ${WRITE}`,
          {
            operationId: "sendTestEvent",
            tags: ["Webhooks"],
            requestParams: { path: webhookPath },
            requestBody: {
              required: true,
              content: json(ZSendTestEventSchema.pick({ event: true }).strict().meta({ id: "SendTestEvent" })),
            },
            responses: responses({ 200: { description: "The attempt's outcome.", content: json(ZApiTestResultSchema) } }, [
              ...BODY_ERRORS,
              404,
            ]),
          },
        ),
      },
      "/api/v1/webhooks/{id}/recover": {
        post: operation(
          "Recover failed deliveries",
          `Queues again every failed or cancelled delivery created since \`since\` (at most 10,000, oldest first). ${WRITE}`,
          {
            operationId: "recoverFailedDeliveries",
            tags: ["Webhooks"],
            requestParams: { path: webhookPath },
            requestBody: {
              required: true,
              content: json(ZRecoverDeliveriesSchema.pick({ since: true }).strict().meta({ id: "RecoverFailed" })),
            },
            responses: responses({ 200: { description: "How many.", content: json(ZApiRecoverResultSchema) } }, [
              ...BODY_ERRORS,
              404,
              409,
            ]),
          },
        ),
      },
      "/api/v1/webhooks/{id}/deliveries": {
        get: operation("List a webhook's deliveries", `The delivery log, newest first, with its filters. ${READ}`, {
          operationId: "listDeliveries",
          tags: ["Deliveries"],
          requestParams: { path: webhookPath, query: deliveriesQuery },
          responses: responses({ 200: { description: "One page.", content: json(ZApiDeliveryPageSchema) } }, [400, 404]),
        }),
      },
      "/api/v1/deliveries/{id}": {
        get: operation("Get a delivery", `With every attempt: request and response, headers and bodies. ${READ}`, {
          operationId: "getDelivery",
          tags: ["Deliveries"],
          requestParams: { path: deliveryPath },
          responses: responses({ 200: { description: "The delivery.", content: json(ZApiDeliveryDetailSchema) } }, [404]),
        }),
      },
      "/api/v1/deliveries/{id}/resend": {
        post: operation("Resend a delivery", `A new attempt of the same message, queued now. ${WRITE}`, {
          operationId: "resendDelivery",
          tags: ["Deliveries"],
          requestParams: { path: deliveryPath },
          responses: responses({ 202: { description: "Queued.", content: json(ZApiResentDeliverySchema) } }, [403, 404, 409]),
        }),
      },
      "/api/v1/events": {
        post: operation(
          "Send an event",
          `Records the event and queues one signed delivery per enabled webhook subscribed to it. ${WRITE}`,
          {
            operationId: "sendEvent",
            tags: ["Events"],
            requestBody: { required: true, content: json(ZEventRequestSchema.meta({ id: "EventRequest" })) },
            responses: responses(
              {
                202: {
                  description: "Recorded.",
                  content: json(ZRecordedEventSchema),
                },
                200: {
                  description: "A replay of an earlier event with this idempotencyKey (24 h).",
                  headers: z.object({ "Idempotent-Replayed": z.literal("true") }),
                  content: json(ZRecordedEventSchema),
                },
              },
              [400, 403, 413, 415],
            ),
          },
        ),
      },
    },
  });
  return cached;
}
