/**
 * The checks the Gemini API makes on a `functionDeclarations[].parameters` schema (its OpenAPI
 * subset, `google.ai.generativelanguage.v1beta.Schema`). A JSON Schema as editors write it
 * ($schema, additionalProperties, $ref, oneOf, type arrays, empty objects) fails here with the
 * API's own 400 messages, so tests can prove the client translated it.
 */

/** Field names of the Schema message; anything else is "Unknown name … Cannot find field." */
const SCHEMA_FIELDS = new Set([
  'type', 'format', 'title', 'description', 'nullable', 'enum', 'maxItems', 'minItems', 'properties', 'required',
  'minProperties', 'maxProperties', 'minLength', 'maxLength', 'pattern', 'example', 'anyOf', 'propertyOrdering',
  'default', 'items', 'minimum', 'maximum',
]);
const TYPES = ['TYPE_UNSPECIFIED', 'STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'ARRAY', 'OBJECT', 'NULL'];
const FORMATS: Record<string, string[]> = { STRING: ['enum', 'date-time'], NUMBER: ['float', 'double'], INTEGER: ['int32', 'int64'] };

export interface SchemaProblem {
  /** Field path as the API writes it, e.g. `tools[0].function_declarations[1].parameters.properties[path]`. */
  field: string;
  description: string;
  /** JSON parse errors ("Invalid JSON payload") vs. semantic ones ("* GenerateContentRequest.…"). */
  syntax: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** First problem in a schema, or undefined when the API would accept it. */
export function schemaProblem(schema: unknown, field: string): SchemaProblem | undefined {
  if (!isObject(schema)) return { field, description: `Invalid value at '${field}', expected a Schema object`, syntax: true };
  for (const name of Object.keys(schema)) {
    if (!SCHEMA_FIELDS.has(name)) {
      return { field, description: `Invalid JSON payload received. Unknown name "${name}" at '${field}': Cannot find field.`, syntax: true };
    }
  }
  const rawType = schema['type'];
  if (rawType !== undefined && (typeof rawType !== 'string' || !TYPES.includes(rawType.toUpperCase()))) {
    return { field: `${field}.type`, description: `Invalid value at '${field}.type' (type.googleapis.com/google.ai.generativelanguage.v1beta.Type), ${JSON.stringify(rawType)}`, syntax: true };
  }
  const type = typeof rawType === 'string' ? rawType.toUpperCase() : undefined;
  const format = schema['format'];
  if (format !== undefined) {
    const allowed = type ? FORMATS[type] : undefined;
    if (!allowed) return { field: `${field}.format`, description: 'format is only supported for NUMBER, INTEGER and STRING type', syntax: false };
    if (!allowed.includes(String(format))) {
      return { field: `${field}.format`, description: `only ${allowed.map((f) => `'${f}'`).join(' and ')} are supported for ${type} type`, syntax: false };
    }
  }
  const values = schema['enum'];
  if (values !== undefined) {
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
      return { field: `${field}.enum`, description: `Invalid value at '${field}.enum' (TYPE_STRING), expected strings`, syntax: true };
    }
    if (type !== 'STRING') return { field: `${field}.enum`, description: 'only allowed for STRING type', syntax: false };
  }
  const properties = schema['properties'];
  if (properties !== undefined && !isObject(properties)) return { field: `${field}.properties`, description: `Invalid value at '${field}.properties'`, syntax: true };
  if (type === 'OBJECT' && (!properties || Object.keys(properties).length === 0)) {
    return { field: `${field}.properties`, description: 'should be non-empty for OBJECT type', syntax: false };
  }
  for (const [name, value] of Object.entries(properties ?? {})) {
    const problem = schemaProblem(value, `${field}.properties[${name}]`);
    if (problem) return problem;
  }
  const required = schema['required'];
  if (required !== undefined) {
    if (!Array.isArray(required)) return { field: `${field}.required`, description: `Invalid value at '${field}.required'`, syntax: true };
    for (const [i, name] of required.entries()) {
      if (!properties || !(String(name) in properties)) return { field: `${field}.required[${i}]`, description: 'property is not defined', syntax: false };
    }
  }
  if (type === 'ARRAY' && schema['items'] === undefined) return { field: `${field}.items`, description: 'missing field.', syntax: false };
  if (schema['items'] !== undefined) {
    const problem = schemaProblem(schema['items'], `${field}.items`);
    if (problem) return problem;
  }
  const anyOf = schema['anyOf'];
  if (anyOf !== undefined) {
    if (!Array.isArray(anyOf)) return { field: `${field}.any_of`, description: `Invalid value at '${field}.any_of'`, syntax: true };
    for (const [i, option] of anyOf.entries()) {
      const problem = schemaProblem(option, `${field}.any_of[${i}]`);
      if (problem) return problem;
    }
  }
  return undefined;
}
