import { TopBar } from "@/components/layout/top-bar";
import { Providers } from "@/components/providers";
import { requireUser } from "@/lib/auth/session";

// Every page in (app) needs a signed-in user. Checked here, on the Node server, because
// middleware runs on the edge and cannot read the data directory (secret, SQLite file).
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <Providers>
      <TopBar email={user.email} />
      <main className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6">{children}</main>
    </Providers>
  );
}
