// Settings → Webhooks → Guide → Moving from Documenso: what changes for its receivers, and how to move them to signatures.
import type { Metadata } from "next";
import { DocumensoMigrationGuide } from "@/components/webhook-guide/documenso-migration-guide";

export const metadata: Metadata = { title: "Moving from Documenso" };

export default function DocumensoMigrationPage() {
  return <DocumensoMigrationGuide />;
}
