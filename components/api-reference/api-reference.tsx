import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { Table } from "@/components/ui/table";
import { constraintNotes, type FieldRow, fieldRows, type JsonSchema, refName, typeText } from "./schema-text";

// The API reference page: every operation of the OpenAPI document (method, path, what it
// needs, what it answers) and every schema, rendered on the server from the document itself,
// so the page and /api/v1/openapi.json cannot disagree. Nothing is loaded from elsewhere.

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema };
type Content = { "application/json"?: { schema: JsonSchema } };
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content: Content };
  responses: Record<string, { description: string; content?: Content }>;
};
export type ApiDocument = {
  info: { title: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-emerald-100 text-emerald-900",
  patch: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-900",
};

const schemaAnchor = (name: string) => `schema-${name}`;

/** The document's descriptions mark code with backticks, as Markdown does: shown as code. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, index) =>
        part.startsWith("`") && part.endsWith("`") && part.length > 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string, never reordered
          <code key={index} className="rounded bg-neutral-100 px-1 font-mono text-xs">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

function TypeText({ schema }: { schema: JsonSchema | undefined }) {
  if (schema?.$ref) {
    const name = refName(schema.$ref);
    return (
      <a href={`#${schemaAnchor(name)}`} className="font-mono text-xs underline underline-offset-2">
        {name}
      </a>
    );
  }
  return <span className="font-mono text-xs">{typeText(schema)}</span>;
}

function Fields({ label, rows }: { label: string; rows: (FieldRow & { where?: string })[] }) {
  if (rows.length === 0) return null;
  return (
    <Table className="text-left" aria-label={label}>
      <thead className="text-xs text-neutral-500">
        <tr>
          <th className="py-1 pr-3 font-medium">Name</th>
          <th className="py-1 pr-3 font-medium">Type</th>
          <th className="py-1 font-medium">Notes</th>
        </tr>
      </thead>
      <tbody className="align-top">
        {rows.map((row) => (
          <tr key={`${row.where ?? ""}${row.name}`} className="border-t border-neutral-100">
            <td className="py-1.5 pr-3 font-mono text-xs whitespace-nowrap">
              {row.name}
              {row.isRequired ? <span className="text-red-700"> *</span> : null}
              {row.where ? <span className="block text-neutral-500">{row.where}</span> : null}
            </td>
            <td className="py-1.5 pr-3 font-mono text-xs">{row.type}</td>
            <td className="py-1.5 text-neutral-700">
              <Prose text={row.notes.join("; ")} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function OperationCard({
  method,
  path,
  operation,
  schemas,
}: {
  method: string;
  path: string;
  operation: Operation;
  schemas: Record<string, JsonSchema>;
}) {
  const body = operation.requestBody?.content["application/json"]?.schema;
  const bodySchema = body?.$ref ? schemas[refName(body.$ref)] : body;
  const parameters = (operation.parameters ?? []).map((parameter) => ({
    name: parameter.name,
    where: parameter.in,
    type: typeText(parameter.schema),
    isRequired: parameter.required === true,
    notes: [
      ...(parameter.description ? [parameter.description] : []),
      ...(parameter.schema ? constraintNotes(parameter.schema) : []),
    ],
  }));
  return (
    <Card className="grid gap-3 p-4">
      <section id={operation.operationId} aria-labelledby={`${operation.operationId}-title`} className="grid gap-3">
        <h4 id={`${operation.operationId}-title`} className="flex flex-wrap items-center gap-2">
          <span className={`rounded px-2 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_STYLE[method] ?? ""}`}>
            {method}
          </span>
          <code className="font-mono text-sm">{path}</code>
          <span className="text-sm font-semibold">{operation.summary}</span>
        </h4>
        {operation.description ? (
          <p className="text-sm text-neutral-700">
            <Prose text={operation.description} />
          </p>
        ) : null}
        <Fields label={`${operation.summary}: parameters`} rows={parameters} />
        {body ? (
          <div className="grid gap-1">
            <p className="text-xs font-medium text-neutral-500">
              Body (application/json): <TypeText schema={body} />
            </p>
            {bodySchema?.properties ? <Fields label={`${operation.summary}: body`} rows={fieldRows(bodySchema)} /> : null}
          </div>
        ) : null}
        <ul className="grid gap-1 text-sm" aria-label={`${operation.summary}: responses`}>
          {Object.entries(operation.responses)
            .sort(([a], [b]) => Number(a) - Number(b))
            .map(([status, response]) => (
              <li key={status} className="flex flex-wrap items-baseline gap-2">
                <Badge variant={status.startsWith("2") ? "success" : "outline"}>{status}</Badge>
                <span className="text-neutral-700">
                  <Prose text={response.description} />
                </span>
                {response.content?.["application/json"] ? (
                  <TypeText schema={response.content["application/json"].schema} />
                ) : null}
              </li>
            ))}
        </ul>
      </section>
    </Card>
  );
}

export function ApiReference({ document, baseUrl }: { document: ApiDocument; baseUrl: string }) {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  const byName = document.components?.schemas ?? {};
  const schemas = Object.entries(byName);
  return (
    <article aria-labelledby="api-reference-heading" className="grid max-w-4xl gap-8 text-sm leading-relaxed">
      <header className="grid gap-2">
        <Link href="/settings/tokens" className="text-sm text-neutral-600 hover:text-neutral-900 hover:underline">
          ← API tokens
        </Link>
        <h2 id="api-reference-heading" className="text-lg font-semibold tracking-tight">
          API reference
        </h2>
        {document.info.description ? (
          <p className="text-neutral-700">
            <Prose text={document.info.description} />
          </p>
        ) : null}
        <p className="text-neutral-700">
          The same as a machine-readable OpenAPI 3.1 document:{" "}
          <a href="/api/v1/openapi.json" className="font-mono text-xs underline underline-offset-2">
            /api/v1/openapi.json
          </a>
          . Fields marked <span className="text-red-700">*</span> are required.
        </p>
        <CodeBlock
          title="Example request"
          text={`curl -H "Authorization: Bearer $DOCUHOOKS_TOKEN" ${baseUrl}/api/v1/webhooks`}
          isFullHeight
        />
      </header>

      {(document.tags ?? []).map((tag) => (
        <section key={tag.name} aria-labelledby={`tag-${tag.name}`} className="grid gap-3">
          <h3 id={`tag-${tag.name}`} className="text-base font-semibold">
            {tag.name}
          </h3>
          {tag.description ? (
            <p className="text-neutral-700">
              <Prose text={tag.description} />
            </p>
          ) : null}
          {operations
            .filter(({ operation }) => operation.tags?.includes(tag.name))
            .map(({ path, method, operation }) => (
              <OperationCard key={`${method} ${path}`} method={method} path={path} operation={operation} schemas={byName} />
            ))}
        </section>
      ))}

      <section aria-labelledby="schemas-heading" className="grid gap-3">
        <h3 id="schemas-heading" className="text-base font-semibold">
          Schemas
        </h3>
        {schemas.map(([name, schema]) => (
          <Card key={name} className="grid gap-2 p-4">
            <section id={schemaAnchor(name)} aria-labelledby={`${schemaAnchor(name)}-title`} className="grid gap-2">
              <h4 id={`${schemaAnchor(name)}-title`} className="font-mono text-sm font-semibold">
                {name}
              </h4>
              {schema.properties ? (
                <Fields label={`${name} fields`} rows={fieldRows(schema)} />
              ) : (
                <p className="font-mono text-xs">{typeText(schema)}</p>
              )}
            </section>
          </Card>
        ))}
      </section>
    </article>
  );
}
