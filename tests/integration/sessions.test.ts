import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { signOutEverywhereAction } from "@/lib/actions/auth/sign-out-everywhere";
import { SESSION_ENDED_MESSAGE } from "@/lib/auth/session";
import { createSession, endAllSessions, endSession, userForSession } from "@/lib/auth/session-store";
import { testDialect } from "../helpers/db-info";
import { createTestUser } from "../helpers/users";

// The check every request makes: the session cookie's user and session id must name a live
// sessions row. The browser-side proof (a copied cookie after sign-out) is e2e/sign-out.spec.ts.

const DAY = 24 * 60 * 60 * 1000;

describe(`sessions (${testDialect})`, () => {
  it("a live session signs its user in; ended, it signs nobody in", async () => {
    const user = await createTestUser();
    const sid = await createSession(user.id, DAY);
    expect(await userForSession(user.id, sid)).toEqual({ id: user.id, email: user.email });
    await endSession(sid);
    expect(await userForSession(user.id, sid)).toBeNull();
  });

  it("an expired session, another user's id, or an unknown id sign nobody in", async () => {
    const user = await createTestUser();
    const stranger = await createTestUser();
    const now = Date.now();
    const sid = await createSession(user.id, DAY, now);
    expect(await userForSession(user.id, sid, now + DAY)).toBeNull();
    expect(await userForSession(stranger.id, sid, now)).toBeNull();
    expect(await userForSession(user.id, "ses_unknown", now)).toBeNull();
  });

  it("signing in drops the user's expired sessions, not the live ones", async () => {
    const user = await createTestUser();
    const now = Date.now();
    const old = await createSession(user.id, 1_000, now - 10_000);
    const live = await createSession(user.id, DAY, now);
    await createSession(user.id, DAY, now);
    const ids = (await getDb().selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).map((r) => r.id);
    expect(ids).not.toContain(old);
    expect(ids).toContain(live);
  });

  it("sign out everywhere ends every session of the user and no one else's", async () => {
    const user = await createTestUser();
    const stranger = await createTestUser();
    const mine = [await createSession(user.id, DAY), await createSession(user.id, DAY)];
    const theirs = await createSession(stranger.id, DAY);

    expect(await signOutEverywhereAction.withUser(null)({})).toEqual({ ok: false, message: SESSION_ENDED_MESSAGE });
    expect(await signOutEverywhereAction.withUser(user)({})).toEqual({ ok: true });
    for (const sid of mine) expect(await userForSession(user.id, sid)).toBeNull();
    expect(await userForSession(stranger.id, theirs)).not.toBeNull();
    expect(await endAllSessions(user.id)).toBe(0);
  });
});
