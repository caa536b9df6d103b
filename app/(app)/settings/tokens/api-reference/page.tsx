// Settings → API tokens → API reference: every /api/v1 operation, rendered from the OpenAPI document.
import type { Metadata } from "next";
import { type ApiDocument, ApiReference } from "@/components/api-reference/api-reference";
import { openApiDocument } from "@/lib/api-v1/openapi-document";
import { appUrl } from "@/lib/config";

export const metadata: Metadata = { title: "API reference" };

export default function ApiReferencePage() {
  return <ApiReference document={openApiDocument() as unknown as ApiDocument} baseUrl={appUrl().replace(/\/$/, "")} />;
}
