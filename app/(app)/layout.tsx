import { TimeZoneScript } from "@/components/layout/time-zone-script";
import { TopBar } from "@/components/layout/top-bar";
import { Providers } from "@/components/providers";
import { requireUser } from "@/lib/auth/session";
import { viewerTimeZone } from "@/lib/viewer-time-zone";

// Every page in (app) needs a signed-in user. Checked here, on the Node server, because
// middleware runs on the edge and cannot read the data directory (secret, SQLite file).
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const [user, timeZone] = await Promise.all([requireUser(), viewerTimeZone()]);
  // Times are shown in the viewer's zone from the first paint: the script comes before the
  // content it might have to re-render.
  return (
    <>
      <TimeZoneScript renderedZone={timeZone} />
      <Providers timeZone={timeZone}>
        <TopBar email={user.email} />
        <main className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6">{children}</main>
      </Providers>
    </>
  );
}
