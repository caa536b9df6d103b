import type { z } from "zod";
import { pageQuerySchema } from "@/lib/validation/page-query";

export const WEBHOOK_PAGE_SIZE_DEFAULT = 50;
/** Every webhook of a user fits in one page at the default cap of 100 webhooks. */
export const WEBHOOK_PAGE_SIZE_MAX = 100;

/** GET /api/v1/webhooks?cursor=&limit= */
export const ZWebhookPageQuerySchema = pageQuerySchema({
  defaultLimit: WEBHOOK_PAGE_SIZE_DEFAULT,
  maxLimit: WEBHOOK_PAGE_SIZE_MAX,
});
export type TWebhookPageQuery = z.output<typeof ZWebhookPageQuerySchema>;
