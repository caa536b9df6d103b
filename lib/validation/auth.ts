import { z } from "zod";

// One schema per auth form, shared by the form (zodResolver), the server action and next-auth.

export const ZEmailSchema = z
  .string({ error: "Enter your email" })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email")
  .max(254, "The email must be at most 254 characters")
  .pipe(z.email("Enter a valid email address"));

export const ZSignInSchema = z.object({
  email: ZEmailSchema,
  // A cap keeps scrypt from hashing megabytes sent by a hostile client.
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200, "Incorrect email or password"),
});
export type TSignInSchema = z.infer<typeof ZSignInSchema>;

export const ZSignUpSchema = z.object({
  email: ZEmailSchema,
  password: z
    .string({ error: "Choose a password" })
    .min(8, "The password must be at least 8 characters")
    .max(200, "The password must be at most 200 characters"),
});
export type TSignUpSchema = z.infer<typeof ZSignUpSchema>;
