import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { openApiDocument } from "@/lib/api-v1/openapi-document";
import { type CreateApiTokenResult, createApiToken } from "@/lib/tokens/create-api-token";

// Calls the /api/v1 route handlers as Next does (a real Request and a params promise) and
// checks every answer against the OpenAPI document: its status must be one the operation
// documents, and its body must match that response's schema.

/** Any route's handler: each names its own params, so the call site can only promise `never`. */
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

type Operation = {
  responses: Record<string, { content?: { "application/json": { schema: object } } }>;
};

const document = openApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, "openapi.json");

export type ApiAnswer = { status: number; headers: Headers; body: unknown };

export type ApiCall = {
  /** The documented path, e.g. /api/v1/webhooks/{id}. */
  path: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  handler: Handler;
  token?: string | null;
  params?: Record<string, string>;
  query?: string;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  headers?: Record<string, string>;
};

export async function callApi({ path, method, handler, token, params = {}, query = "", body, headers = {} }: ApiCall) {
  const url = `http://localhost${path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]))}${query}`;
  const init: RequestInit = { method, headers: { ...headers } };
  const sent = init.headers as Record<string, string>;
  if (token) sent.authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    sent["content-type"] ??= "application/json";
  }
  const response = await handler(new Request(url, init), { params: Promise.resolve(params) as Promise<never> });
  const text = await response.text();
  const answer: ApiAnswer = { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  expectDocumented(path, method, answer);
  return answer;
}

/** The answer is one the document lists for the operation, and its body matches the schema. */
export function expectDocumented(path: string, method: string, answer: ApiAnswer): void {
  const operation = document.paths[path]?.[method.toLowerCase()];
  expect(operation, `${method} ${path} is in the document`).toBeDefined();
  const documented = operation.responses[String(answer.status)];
  expect(documented, `${method} ${path} documents status ${answer.status}`).toBeDefined();
  const schema = documented.content?.["application/json"].schema;
  if (!schema) {
    expect(answer.body, `${method} ${path} ${answer.status} has no body`).toBeNull();
    return;
  }
  const ref = `openapi.json#/paths/${pointer(path)}/${method.toLowerCase()}/responses/${answer.status}/content/application~1json/schema`;
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`no schema at ${ref}`);
  validate(answer.body);
  expect(validate.errors ?? [], `${method} ${path} ${answer.status} matches its schema`).toEqual([]);
}

/** A path as a JSON pointer segment (its braces percent-encoded, as a URI fragment needs). */
function pointer(path: string): string {
  return path.replaceAll("~", "~0").replaceAll("/", "~1").replaceAll("{", "%7B").replaceAll("}", "%7D");
}

export async function newApiToken(userId: string, scope: "read" | "write" = "write"): Promise<string> {
  const result: CreateApiTokenResult = await createApiToken(userId, { name: `test ${scope}`, scope });
  if (!result.ok) throw new Error(result.message);
  return result.token.token;
}
