import Link from "next/link";
import { Logo } from "@/components/layout/logo";
import { Card } from "@/components/ui/card";

/** The centred card around the sign-in and sign-up forms. */
export function AuthCard({
  title,
  description,
  footer,
  children,
}: {
  title: string;
  description: string;
  footer: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 px-4 py-12">
      <Link href="/" className="rounded-md">
        <Logo height={32} />
      </Link>
      <Card className="w-full max-w-sm p-6">
        <div className="mb-6 grid gap-1.5">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          <p className="text-sm text-neutral-500">{description}</p>
        </div>
        {children}
      </Card>
      <p className="text-sm text-neutral-500">{footer}</p>
    </main>
  );
}
