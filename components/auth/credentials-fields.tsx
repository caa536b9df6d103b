import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { TextField } from "@/components/ui/text-field";

type Credentials = { email: string; password: string };

/** The email + password pair shared by the sign-in and sign-up forms. */
export function CredentialsFields({
  register,
  errors,
  isNewPassword,
}: {
  register: UseFormRegister<Credentials>;
  errors: FieldErrors<Credentials>;
  isNewPassword: boolean;
}) {
  return (
    <>
      <TextField
        id="email"
        label="Email"
        type="email"
        autoComplete="email"
        error={errors.email?.message}
        {...register("email")}
      />
      <TextField
        id="password"
        label="Password"
        type="password"
        autoComplete={isNewPassword ? "new-password" : "current-password"}
        hint={isNewPassword ? "At least 8 characters." : undefined}
        error={errors.password?.message}
        {...register("password")}
      />
    </>
  );
}
