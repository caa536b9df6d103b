import Link from "next/link";
import { Logo } from "@/components/layout/logo";

/** The branded page behind a 404 or an error: the logo, what happened in words, and a way back. */
export function StatusPage({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  /** Extra actions (e.g. "Try again") beside the link home. */
  children?: React.ReactNode;
}) {
  return (
    <main className="mx-auto grid min-h-screen max-w-md place-content-center justify-items-center gap-4 px-4 text-center">
      <Link href="/settings/webhooks" className="rounded-md">
        <Logo height={32} />
      </Link>
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-sm text-neutral-600">{description}</p>
      <div className="flex flex-wrap items-center justify-center gap-3">
        {children}
        <Link href="/settings/webhooks" className="text-sm font-medium text-neutral-900 underline underline-offset-4">
          Go to your webhooks
        </Link>
      </div>
    </main>
  );
}
