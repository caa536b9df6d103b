import "server-only";
import type { z } from "zod";
import { isDatabaseUnavailable, noteDatabaseUnavailable } from "@/db/unavailable";
import { type ActionResult, fieldErrorsOf } from "@/lib/actions/result";
import { getSessionUser, SESSION_ENDED_MESSAGE, type SessionUser } from "@/lib/auth/session";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable-message";
import { logUnexpectedError, UNEXPECTED_ERROR_MESSAGE } from "@/lib/log-unexpected-error";

// Every server action is built here: session check, zod parse with the form's schema, the
// action's body, and a typed result. Nothing raw (a database error, a stack) reaches the client.

export const INVALID_INPUT_MESSAGE = "Check the highlighted fields";

type Run<T extends object> = (input: unknown) => Promise<ActionResult<T>>;

/** What a body's success carries besides `ok` (inferred from what the body returns). */
type DataOf<R> = Omit<Extract<R, { ok: true }>, "ok">;

/**
 * A server action: call it with the input (the session comes from the request). `withUser`
 * runs the very same checks and body for a given user, or none: how tests call it, since
 * outside a request there is no session to read. It is a property of the exported function,
 * not an export, so the client cannot call it.
 */
export type AuthenticatedAction<T extends object> = Run<T> & {
  withUser: (user: SessionUser | null) => Run<T>;
};

export function authenticatedAction<S extends z.ZodType, R extends ActionResult>({
  name,
  schema,
  handler,
}: {
  /** For the server log only. */
  name: string;
  schema: S;
  handler: (user: SessionUser, input: z.output<S>) => Promise<R>;
}): AuthenticatedAction<DataOf<R>> {
  type T = DataOf<R>;
  const runAs =
    (readUser: () => Promise<SessionUser | null>): Run<T> =>
    (input) =>
      guarded(name, async () => {
        const user = await readUser();
        if (!user) return { ok: false, message: SESSION_ENDED_MESSAGE };
        return parseThen(schema, input, (parsed) => handler(user, parsed) as Promise<ActionResult<T>>);
      });
  const action = runAs(getSessionUser);
  return Object.assign(action, { withUser: (user: SessionUser | null) => runAs(async () => user) });
}

/** An action anyone may call (sign-up): the same parse, body and result, without a session. */
export function publicAction<S extends z.ZodType, R extends ActionResult>({
  name,
  schema,
  handler,
}: {
  name: string;
  schema: S;
  handler: (input: z.output<S>) => Promise<R>;
}): Run<DataOf<R>> {
  return (input) =>
    guarded(name, () => parseThen(schema, input, (parsed) => handler(parsed) as Promise<ActionResult<DataOf<R>>>));
}

async function parseThen<S extends z.ZodType, T extends object>(
  schema: S,
  input: unknown,
  body: (parsed: z.output<S>) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: INVALID_INPUT_MESSAGE, fieldErrors: fieldErrorsOf(parsed.error) };
  return body(parsed.data);
}

async function guarded<T extends object>(name: string, run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      noteDatabaseUnavailable(`action ${name}`, error);
      return { ok: false, message: DATABASE_UNAVAILABLE_MESSAGE };
    }
    logUnexpectedError(`action ${name}`, error);
    return { ok: false, message: UNEXPECTED_ERROR_MESSAGE };
  }
}
