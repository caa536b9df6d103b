// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document, public (it describes, it holds no data).
import { openApiDocument } from "@/lib/api-v1/openapi-document";

export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
