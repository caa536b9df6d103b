"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { CredentialsFields } from "@/components/auth/credentials-fields";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable-message";
import { type TSignInSchema, ZSignInSchema } from "@/lib/validation/auth";

export function SignInForm({ callbackUrl, notice }: { callbackUrl: string; notice?: string }) {
  const router = useRouter();
  const form = useForm<z.input<typeof ZSignInSchema>, unknown, TSignInSchema>({
    resolver: zodResolver(ZSignInSchema),
    defaultValues: { email: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: TSignInSchema) {
    const result = await signIn("credentials", { ...values, redirect: false }).catch(() => undefined);
    if (!result) {
      form.setError("root", { message: "Could not reach the server. Check your connection and try again." });
      return;
    }
    if ((result.status === 429 || result.status === 503 || result.error === DATABASE_UNAVAILABLE_MESSAGE) && result.error) {
      // Throttled, or the database is away: the server's sentence, with how long to wait.
      form.setError("root", { message: result.error });
      return;
    }
    if (result.error) {
      // One message for unknown email and wrong password: never hint which emails exist.
      form.setError("root", { message: "Incorrect email or password" });
      return;
    }
    router.replace(callbackUrl);
    // next-auth has just set the session cookie: pages the router already holds (rendered
    // signed out, e.g. the top bar) must be rendered again with it. Not data refreshing.
    router.refresh();
  }

  // method="post" and a real action: a form sent before the page has loaded (or without
  // JavaScript) goes to next-auth in the request body, never with the password in the URL.
  return (
    <form method="post" action="/api/auth/callback/credentials" onSubmit={form.handleSubmit(onSubmit)} noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <fieldset disabled={isSubmitting} className="grid gap-4">
        <CredentialsFields register={form.register} errors={errors} isNewPassword={false} />
        <FieldError id="signin-error" message={errors.root?.message ?? notice} />
        <Button type="submit" className="w-full">
          {isSubmitting ? "Signing in…" : "Sign in"}
        </Button>
      </fieldset>
    </form>
  );
}
