import type { Metadata } from "next";
import { connection } from "next/server";
import { TimeZoneScript } from "@/components/layout/time-zone-script";
import { appUrl } from "@/lib/config";
import "./globals.css";

const DESCRIPTION = "Documenso-compatible webhooks for document events: signed, retried, logged, never lost.";

// A function, so the public URL is read when the page is served, not when it is built; the
// social image needs it to be an absolute URL.
export function generateMetadata(): Metadata {
  const url = appUrl();
  return {
    // A malformed NEXTAUTH_URL leaves Next's own default rather than failing every page.
    metadataBase: URL.canParse(url) ? new URL(url) : undefined,
    // Each page names itself ("Webhooks · Docuhooks"); a page that does not is "Docuhooks".
    title: { default: "Docuhooks", template: "%s · Docuhooks" },
    description: DESCRIPTION,
    icons: {
      icon: [
        { url: "/favicon.svg", type: "image/svg+xml" },
        { url: "/favicon.png", type: "image/png", sizes: "32x32" },
      ],
    },
    openGraph: {
      title: "Docuhooks",
      description: DESCRIPTION,
      siteName: "Docuhooks",
      type: "website",
      images: [{ url: "/og.png", width: 1200, height: 630, alt: "Docuhooks: webhooks for document events" }],
    },
    twitter: { card: "summary_large_image", images: ["/og.png"] },
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, so each carries the nonce of its own CSP (a page
  // prerendered at build time would have none, and its scripts would be blocked).
  await connection();
  return (
    <html lang="en">
      <head>
        {/* Tells the server the viewer's time zone; pages with times re-render if needed (app layout). */}
        <TimeZoneScript />
      </head>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
