import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEventRequest, ZDocumentPayloadSchema } from "@/lib/validation/event-request";
import { isDocumentEvent, toDottedName, WIRE_EVENT_NAMES } from "@/lib/webhooks/events";
import { withoutRecipientTokens } from "@/lib/webhooks/recipient-tokens";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { DOCUMENSO_DOCUMENT, keyOrder } from "../helpers/documenso-payload-schema";

type Recipient = {
  signingStatus: string;
  readStatus: string;
  sendStatus: string;
  signedAt: string | null;
  role: string;
  envelopeId: string;
  documentId: number | null;
  templateId: number | null;
  token: string;
};
type Doc = {
  id: number;
  envelopeId: string;
  templateId: number | null;
  status: string;
  completedAt: string | null;
  deletedAt: string | null;
  source: string;
  recipients: Recipient[];
  Recipient: Recipient[];
};

const samplesDir = path.resolve(import.meta.dirname, "../../lib/webhooks/samples");

describe("sample payloads", () => {
  it("exist as one JSON file per catalogue event, named by its dotted name", () => {
    const files = fs
      .readdirSync(samplesDir)
      .filter((f) => f.endsWith(".json"))
      .sort();
    expect(files).toEqual(WIRE_EVENT_NAMES.map((wire) => `${toDottedName(wire)}.json`).sort());
  });

  it.each(WIRE_EVENT_NAMES)("%s: valid against the payload schema and accepted by the API body parser", (wire) => {
    const sample = getSamplePayload(wire);
    const parsed = ZDocumentPayloadSchema.safeParse(sample);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const request = parseEventRequest({ event: toDottedName(wire), payload: sample });
    expect(request.ok).toBe(true);
    if (request.ok) expect(request.value.payloadJson).toBe(JSON.stringify(sample));
  });

  it.each(WIRE_EVENT_NAMES)("%s: exactly Documenso's shape, in Documenso's key order", (wire) => {
    const sample = getSamplePayload(wire);
    const parsed = DOCUMENSO_DOCUMENT.safeParse(sample);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(keyOrder(sample)).toEqual(keyOrder(parsed.data));
  });

  it.each(WIRE_EVENT_NAMES)("%s: consistent with its event", (wire) => {
    const doc = getSamplePayload(wire) as unknown as Doc;
    expect(doc.Recipient).toEqual(doc.recipients);
    // Documenso sends each recipient's signing token; webhooks without the option get none.
    expect(doc.recipients.every((r) => r.token.length > 0)).toBe(true);
    expect(withoutRecipientTokens(JSON.stringify(doc))).not.toContain('"token"');
    for (const r of doc.recipients) {
      // The legacy parent ids: documentId for a document's recipients, templateId for a template's.
      expect(r.envelopeId).toBe(doc.envelopeId);
      if (wire === "TEMPLATE_USED" || isDocumentEvent(wire)) expect(r).toMatchObject({ documentId: doc.id, templateId: null });
      else expect(r).toMatchObject({ documentId: null, templateId: doc.id });
      if (r.signingStatus === "SIGNED") expect(r.signedAt).toBeTruthy();
      else expect(r.signedAt).toBeNull();
      if (r.signingStatus !== "NOT_SIGNED") expect(r.readStatus).toBe("OPENED");
      if (r.readStatus === "OPENED") expect(r.sendStatus).toBe("SENT");
    }
    if (doc.status !== "COMPLETED") expect(doc.completedAt).toBeNull();
    expect(doc.source).toBe(isDocumentEvent(wire) ? "DOCUMENT" : "TEMPLATE");
  });

  it("document.completed: COMPLETED, completedAt set, every recipient SIGNED / OPENED / SENT", () => {
    const doc = getSamplePayload("DOCUMENT_COMPLETED") as unknown as Doc;
    expect(doc.status).toBe("COMPLETED");
    expect(doc.completedAt).toBeTruthy();
    for (const r of doc.recipients) {
      expect(r).toMatchObject({ signingStatus: "SIGNED", readStatus: "OPENED", sendStatus: "SENT" });
      expect(r.signedAt).toBeTruthy();
    }
  });

  it("document lifecycle statuses follow the event", () => {
    const status = (wire: (typeof WIRE_EVENT_NAMES)[number]) => (getSamplePayload(wire) as unknown as Doc).status;
    expect(status("DOCUMENT_CREATED")).toBe("DRAFT");
    expect(status("DOCUMENT_SENT")).toBe("PENDING");
    expect(status("DOCUMENT_SIGNED")).toBe("PENDING");
    expect(status("DOCUMENT_REJECTED")).toBe("REJECTED");
    expect(status("DOCUMENT_CANCELLED")).toBe("CANCELLED");
    const created = getSamplePayload("DOCUMENT_CREATED") as unknown as Doc;
    expect(created.recipients.every((r) => r.sendStatus === "NOT_SENT")).toBe(true);
    const rejected = getSamplePayload("DOCUMENT_REJECTED") as unknown as Doc;
    expect(rejected.recipients.some((r) => r.signingStatus === "REJECTED")).toBe(true);
    expect((getSamplePayload("TEMPLATE_DELETED") as unknown as Doc).deletedAt).toBeTruthy();
  });

  it("template.used is the new document made from the template, as Documenso sends it", () => {
    const used = getSamplePayload("TEMPLATE_USED") as unknown as Doc;
    const template = getSamplePayload("TEMPLATE_CREATED") as unknown as Doc;
    expect(used.templateId).toBe(template.id);
    expect(used.id).not.toBe(template.id);
    expect(used.envelopeId).not.toBe(template.envelopeId);
    expect(used).toMatchObject({ source: "TEMPLATE", status: "DRAFT" });
    for (const r of used.recipients) expect(r).toMatchObject({ documentId: used.id, templateId: null });
    for (const wire of ["TEMPLATE_CREATED", "TEMPLATE_UPDATED", "TEMPLATE_DELETED"] as const) {
      expect((getSamplePayload(wire) as unknown as Doc).templateId).toBeNull();
    }
  });

  it("getSamplePayload returns a copy the caller may change", () => {
    const a = getSamplePayload("DOCUMENT_SIGNED");
    a.title = "changed";
    expect(getSamplePayload("DOCUMENT_SIGNED").title).not.toBe("changed");
  });
});
