import type { Metadata } from "next";
import { StatusPage } from "@/components/layout/status-page";

export const metadata: Metadata = { title: "Page not found" };

// Our own 404 page: the framework's default styles itself with an inline <style> element,
// which the CSP blocks.
export default function NotFound() {
  return <StatusPage title="Page not found" description="There is nothing at this address. The link may be old or mistyped." />;
}
