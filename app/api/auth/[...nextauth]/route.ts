// next-auth's endpoints (sign out, session, csrf).
import { nextAuthRoute } from "@/lib/auth/next-auth-route";

export { nextAuthRoute as GET, nextAuthRoute as POST };
