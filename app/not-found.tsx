import Link from "next/link";

// Our own 404 page: the framework's default styles itself with an inline <style> element,
// which the CSP blocks.
export default function NotFound() {
  return (
    <main className="mx-auto grid min-h-screen max-w-md place-content-center gap-3 px-4 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="text-sm text-neutral-600">There is nothing at this address.</p>
      <Link href="/settings/webhooks" className="text-sm font-medium underline">
        Go to your webhooks
      </Link>
    </main>
  );
}
