import { z } from "zod";
import { ZWebhookIdSchema } from "@/lib/validation/webhook";

/** The row's Enabled switch. */
export const ZSetWebhookEnabledSchema = ZWebhookIdSchema.extend({
  enabled: z.boolean({ error: "Enabled must be true or false" }),
});
export type TSetWebhookEnabledSchema = z.infer<typeof ZSetWebhookEnabledSchema>;
