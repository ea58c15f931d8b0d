/**
 * How far an OpenAPI document is from DBOS Conductor's: which of its operations (method and
 * path; path parameters compared by position, not name) are not served, and, for those that
 * are, which of their success statuses (201, 204 …) and which field names of the request (query
 * parameters as `query.<name>`: our queries are closed, so a parameter we lack is a 422 for a
 * DBOS client; then the body) and of the 2xx response are missing. Field names are
 * dotted paths through objects and arrays (`[]`): a bare array of `{workflowId}` is
 * `[].workflowId`, which `{items: [{id}]}` does not have. Huma's read-only `$schema` is not a
 * field. Pure functions over parsed JSON, for `dbos-api-drift.e2e.test.ts`.
 */

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

export interface OperationShape {
  /** `POST /v2/orgs/{}/apps/{}/workflows/search`. */
  readonly key: string;
  readonly request: ReadonlySet<string>;
  readonly response: ReadonlySet<string>;
  /** Its 2xx statuses (`201`; `200` and `204` where both may answer). */
  readonly successes: ReadonlySet<string>;
}

export interface Drift {
  /** DBOS operations not served, as keys. */
  readonly missingOperations: string[];
  /** `<key> request|response <field>` for served operations (`query.x`: a query parameter). */
  readonly missingFields: string[];
  /** `<key> <status>`: a DBOS success status a served operation never answers. */
  readonly missingStatuses: string[];
  readonly operations: { readonly total: number; readonly served: number };
  /** DBOS fields of the served operations, and how many of them we have. */
  readonly fields: { readonly total: number; readonly present: number };
}

/** Every operation of `doc`, by key. */
export function operationsOf(doc: Json): Map<string, OperationShape> {
  const shapes = new Map<string, OperationShape>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`;
      const body = (op.requestBody as Json | undefined)?.content as Json | undefined;
      const successes = Object.entries((op.responses ?? {}) as Record<string, Json>).filter(
        ([status]) => /^2\d\d$/.test(status),
      );
      const success = successes[0]?.[1];
      const query = ((op.parameters ?? []) as Json[])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => `query.${String(parameter.name)}`);
      shapes.set(key, {
        key,
        request: new Set([...query, ...fieldsOf(doc, jsonSchemaOf(body))]),
        response: new Set(fieldsOf(doc, jsonSchemaOf(success?.content as Json | undefined))),
        successes: new Set(successes.map(([status]) => status)),
      });
    }
  }
  return shapes;
}

/** What `ours` lacks of `theirs`. */
export function driftFrom(theirs: Json, ours: Json): Drift {
  const served = operationsOf(ours);
  const missingOperations: string[] = [];
  const missingFields: string[] = [];
  const missingStatuses: string[] = [];
  let total = 0;
  let present = 0;
  for (const [key, op] of operationsOf(theirs)) {
    const mine = served.get(key);
    if (!mine) {
      missingOperations.push(key);
      continue;
    }
    for (const status of op.successes) {
      if (!mine.successes.has(status)) missingStatuses.push(`${key} ${status}`);
    }
    for (const part of ['request', 'response'] as const) {
      for (const field of op[part]) {
        total += 1;
        if (mine[part].has(field)) present += 1;
        else missingFields.push(`${key} ${part} ${field}`);
      }
    }
  }
  const count = operationsOf(theirs).size;
  return {
    missingOperations: missingOperations.sort(),
    missingFields: missingFields.sort(),
    missingStatuses: missingStatuses.sort(),
    operations: { total: count, served: count - missingOperations.length },
    fields: { total, present },
  };
}

function jsonSchemaOf(content: Json | undefined): Json | undefined {
  if (!content) return undefined;
  const media = (content['application/json'] ?? Object.values(content)[0]) as Json | undefined;
  return media?.schema as Json | undefined;
}

/** Dotted field paths of a schema, following `$ref`s (once per path: schemas may recurse). */
function fieldsOf(doc: Json, schema: Json | undefined, prefix = '', seen = new Set<string>()) {
  const fields: string[] = [];
  if (!schema) return fields;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    if (seen.has(ref)) return fields;
    return fieldsOf(doc, resolve(doc, ref), prefix, new Set([...seen, ref]));
  }
  for (const combinator of ['anyOf', 'oneOf', 'allOf']) {
    for (const branch of (schema[combinator] ?? []) as Json[]) {
      fields.push(...fieldsOf(doc, branch, prefix, seen));
    }
  }
  for (const [name, property] of Object.entries(
    (schema.properties ?? {}) as Record<string, Json>,
  )) {
    if (name === '$schema') continue;
    const path = prefix ? `${prefix}.${name}` : name;
    fields.push(path, ...fieldsOf(doc, property, path, seen));
  }
  if (schema.items) fields.push(...fieldsOf(doc, schema.items as Json, `${prefix}[]`, seen));
  return [...new Set(fields)];
}

function resolve(doc: Json, ref: string): Json | undefined {
  let node: unknown = doc;
  for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Json | undefined)?.[part];
  return node as Json | undefined;
}
