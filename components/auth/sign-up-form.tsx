"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { CredentialsFields } from "@/components/auth/credentials-fields";
import { SIGN_UP_NOT_SIGNED_IN } from "@/components/auth/sign-in-notices";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { signUpAction } from "@/lib/actions/auth/sign-up";
import { callAction } from "@/lib/queries/use-action-mutation";
import { type TSignUpSchema, ZSignUpSchema } from "@/lib/validation/auth";

export function SignUpForm() {
  const router = useRouter();
  const form = useForm<z.input<typeof ZSignUpSchema>, unknown, TSignUpSchema>({
    resolver: zodResolver(ZSignUpSchema),
    defaultValues: { email: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: TSignUpSchema) {
    const result = await callAction(signUpAction, values);
    if (!result.ok) {
      const fieldErrors = result.fieldErrors ?? {};
      if (fieldErrors.email) form.setError("email", { message: fieldErrors.email });
      if (fieldErrors.password) form.setError("password", { message: fieldErrors.password });
      if (!fieldErrors.email && !fieldErrors.password) form.setError("root", { message: result.message });
      return;
    }
    const signedIn = await signIn("credentials", { ...values, redirect: false }).catch(() => undefined);
    if (!signedIn || signedIn.error) {
      // The email had an account already (sign-up does not say so) and this is not its
      // password, or sign-in is throttled: the sign-in page says what to do.
      router.replace(`/signin?notice=${SIGN_UP_NOT_SIGNED_IN}`);
      return;
    }
    router.replace("/settings/webhooks");
    // next-auth has just set the session cookie: pages the router already holds (rendered
    // signed out, e.g. the top bar) must be rendered again with it. Not data refreshing.
    router.refresh();
  }

  // method="post": a form sent before the page has loaded (or without JavaScript) carries the
  // password in the request body, never in the URL; the page then renders again, empty.
  return (
    <form method="post" action="/signup" onSubmit={form.handleSubmit(onSubmit)} noValidate>
      <fieldset disabled={isSubmitting} className="grid gap-4">
        <CredentialsFields register={form.register} errors={errors} isNewPassword={true} />
        <FieldError id="signup-error" message={errors.root?.message} />
        <Button type="submit" className="w-full">
          {isSubmitting ? "Creating account…" : "Create account"}
        </Button>
      </fieldset>
    </form>
  );
}
