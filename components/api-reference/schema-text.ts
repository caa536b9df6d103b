// Reads the JSON Schemas of the OpenAPI document for the reference page: a type as a short
// phrase ("array of Webhook", "string or null") and an object's fields as rows.

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  required?: string[];
  description?: string;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
};

export type FieldRow = { name: string; type: string; isRequired: boolean; notes: string[] };

/** The component's name of a `#/components/schemas/Name` reference. */
export function refName(ref: string): string {
  return ref.split("/").at(-1) ?? ref;
}

export function typeText(schema: JsonSchema | undefined): string {
  if (!schema) return "any";
  if (schema.$ref) return refName(schema.$ref);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(typeText).join(" or ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const named = types.map((type) => {
    if (type === "array") return `array of ${typeText(schema.items)}`;
    if (type === "object" && !schema.properties && typeof schema.additionalProperties === "object") {
      return `map of ${typeText(schema.additionalProperties)}`;
    }
    return type;
  });
  return named.join(" or ") || "any";
}

/** Limits and defaults, in words: "at most 2048 characters", "default: true". */
export function constraintNotes(schema: JsonSchema): string[] {
  const notes: string[] = [];
  if (schema.minLength !== undefined && schema.minLength > 0) notes.push(`at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) notes.push(`at most ${schema.maxLength} characters`);
  if (schema.minItems !== undefined && schema.minItems > 0) notes.push(`at least ${schema.minItems} items`);
  if (schema.maxItems !== undefined) notes.push(`at most ${schema.maxItems} items`);
  if (schema.minimum !== undefined && schema.minimum > -(2 ** 53)) notes.push(`minimum ${schema.minimum}`);
  if (schema.maximum !== undefined && schema.maximum < 2 ** 53 - 1) notes.push(`maximum ${schema.maximum}`);
  if (schema.default !== undefined) notes.push(`default: ${JSON.stringify(schema.default)}`);
  return notes;
}

export function fieldRows(schema: JsonSchema): FieldRow[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, field]) => ({
    name,
    type: typeText(field),
    isRequired: required.has(name),
    notes: [...(field.description ? [field.description] : []), ...constraintNotes(field)],
  }));
}
