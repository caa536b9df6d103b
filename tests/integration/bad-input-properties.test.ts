import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { POST as postEvent } from "@/app/api/v1/events/route";
import { getDb } from "@/db";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { testDialect } from "../helpers/db-info";
import { fixtureId, insertDeliveries } from "../helpers/deliveries";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

// Bad input never costs a 500 or a change. Random and adversarial values (huge, deep, lone
// surrogates, RTL overrides, NULs, CR/LF, prototype keys, wrong types) go through every input
// schema, every server action (as a signed-in owner) and the ingestion route: each answers a
// field error or a 4xx, and no table changes. The seed is fixed so a failure replays; fast-check
// prints it with the smallest failing value.

const SEED = Number(process.env.FC_SEED ?? 20_261_202);
const root = path.resolve(import.meta.dirname, "../..");

const nastyStrings = fc.constantFrom(
  "",
  " ",
  "\uD800",
  "\uDFFFx\uD800",
  "\u202Eevil.com\u202C",
  "\u0000",
  "a\r\nX-Injected: 1",
  "\t",
  "%E0%A4%A",
  "__proto__",
  "constructor",
  "https://example.com/\r\n",
  "http://127.0.0.1:9/\u0000",
  "x".repeat(100_000),
  "𝒳".repeat(5_000),
  "-1",
  "NaN",
);
const nastyNumbers = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, Number.MAX_SAFE_INTEGER + 2, -1, 1e308);
function deep(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}
const prototypeKeys = fc.constantFrom(
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  Object.create(null),
);
const leaf = fc.oneof(nastyStrings, nastyNumbers, fc.string({ unit: "binary" }), fc.boolean(), fc.constant(null), fc.bigInt());
const anyValue = fc.oneof(
  fc.anything({ maxDepth: 3, values: [leaf], key: fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor")) }),
  fc.integer({ min: 50, max: 800 }).map(deep),
  prototypeKeys,
  leaf,
);
const FIELDS = ["id", "webhookId", "deliveryId", "url", "events", "secret", "enabled", "name", "since", "event", "headers"];
/** Objects with the real field names (so a parse goes past the first check) and bad values. */
const input = fc.oneof(anyValue, fc.dictionary(fc.constantFrom(...FIELDS, "__proto__", "constructor"), anyValue, { maxKeys: 6 }));

/** JSON text of a value, or its fast-check rendering when JSON cannot hold it (a BigInt). */
function text(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    return fc.stringify(value);
  }
}

async function loadSchemas(): Promise<[string, z.ZodType][]> {
  const files = [
    ...fs.readdirSync(path.join(root, "lib/validation")).map((file) => `lib/validation/${file}`),
    "lib/api-v1/webhook-input.ts",
    "lib/api-v1/response-schemas.ts",
  ];
  const schemas: [string, z.ZodType][] = [];
  for (const file of files) {
    const module = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (value instanceof z.ZodType) schemas.push([`${file} ${name}`, value]);
    }
  }
  return schemas;
}

const TABLES = ["users", "webhooks", "events", "deliveries", "delivery_attempts", "api_tokens"] as const;
async function counts() {
  const db = getDb();
  return Promise.all(
    TABLES.map(async (table) => {
      const row = await db.selectFrom(table).select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      return `${table}=${Number(row.n)}`;
    }),
  );
}

describe(`bad input, property-based (${testDialect})`, () => {
  it("every input schema answers a field error (never a throw) for adversarial values", async () => {
    const schemas = await loadSchemas();
    expect(schemas.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...schemas), input, async ([name, schema], value) => {
        const result = await schema.safeParseAsync(value).catch((error: unknown) => {
          throw new Error(`${name} threw: ${String(error)}`);
        });
        if (!result.success) {
          for (const issue of result.error.issues) expect(typeof issue.message, name).toBe("string");
        }
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it("every server action answers a field error and changes nothing", async () => {
    const owner = await createTestUser();
    const webhook = await createTestWebhook(owner.id, { url: "http://127.0.0.1:9/props", events: ["document.signed"] });
    await insertDeliveries(owner.id, webhook.id, [
      {
        id: fixtureId("msg", 1, "props"),
        eventId: fixtureId("evt", 1, "props"),
        type: "DOCUMENT_SIGNED",
        status: "failed",
        createdAt: 1,
      },
    ]);
    const actions: [string, { withUser: (user: typeof owner) => (input: unknown) => Promise<unknown> }][] = [];
    const dirs = ["webhooks", "deliveries", "tokens", "auth"];
    for (const dir of dirs) {
      for (const file of fs.readdirSync(path.join(root, "lib/actions", dir))) {
        const module = (await import(/* @vite-ignore */ path.join(root, "lib/actions", dir, file))) as Record<string, unknown>;
        for (const [name, value] of Object.entries(module)) {
          if (typeof value === "function" && "withUser" in value) actions.push([name, value as (typeof actions)[number][1]]);
        }
      }
    }
    // signOutEverywhereAction takes no fields: any object it accepts changes sessions only.
    const checked = actions.filter(([name]) => name !== "signOutEverywhereAction");
    expect(checked.length).toBeGreaterThan(10);
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...checked), input, async ([name, action], value) => {
        const result = (await action.withUser(owner)(value)) as { ok: boolean; message?: string };
        expect(result.ok, `${name} accepted ${text(value).slice(0, 200)}`).toBe(false);
        expect(typeof result.message, name).toBe("string");
      }),
      { numRuns: 150, seed: SEED },
    );
    expect(await counts()).toEqual(before);
  });

  it("the ingestion route answers 4xx for adversarial bodies and records nothing", async () => {
    const owner = await createTestUser();
    await createTestWebhook(owner.id, { url: "http://127.0.0.1:9/ingest-props", events: ["document.signed"] });
    const created = await createApiToken(owner.id, { name: "props" });
    if (!created.ok) throw new Error(created.message);
    const token = created.token.token;
    const body = fc.oneof(
      input.map(text),
      input.map((payload) => text({ event: "document.signed", payload })),
      anyValue.map((event) => text({ event, payload: {} })),
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.constantFrom("{", '{"event":"document.signed","payload":{"a":1}', "\uFEFF{}", "null", "[]", '{"__proto__":{}}'),
    );
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const request = new Request("http://localhost/api/v1/events", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: text,
        });
        const response = await postEvent(request);
        expect(response.status, `${text.slice(0, 200)} -> ${await response.clone().text()}`).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 100, seed: SEED },
    );
    expect(await counts()).toEqual(before);
  });
});
