import { z } from "zod";

// One schema for the "Create token" form (zodResolver), its server action and lib/tokens.

export const API_TOKEN_NAME_MAX_LENGTH = 100;

/** read: the API's GETs only; write: everything, sending events included. */
export const API_TOKEN_SCOPES = ["read", "write"] as const;

export const ZCreateApiTokenSchema = z.object({
  name: z
    .string({ error: "Enter a token name" })
    .trim()
    .min(1, "Enter a token name")
    .max(API_TOKEN_NAME_MAX_LENGTH, `The name must be at most ${API_TOKEN_NAME_MAX_LENGTH} characters`)
    .regex(/^[^\u0000-\u001f\u007f]*$/, "The name must not contain control characters"),
  scope: z.enum(API_TOKEN_SCOPES, { error: "Choose read only or read and write" }).default("write"),
});
export type TCreateApiTokenInput = z.input<typeof ZCreateApiTokenSchema>;
export type TCreateApiTokenSchema = z.output<typeof ZCreateApiTokenSchema>;

export const ZApiTokenIdSchema = z.object({ id: z.string({ error: "Missing token id" }).min(1).max(64) });
