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
  /** The enumerated values of the fields that have them (a query parameter's included). */
  readonly requestValues: ReadonlyMap<string, ReadonlySet<string>>;
  readonly responseValues: ReadonlyMap<string, ReadonlySet<string>>;
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
  /** `<key> request <field> <value>`: a value DBOS's enum allows that our request refuses. */
  readonly refusedValues: string[];
  /**
   * `<key> response <field> <value>`: a value we may answer that DBOS's enum does not list (`*`:
   * our field enumerates nothing, so any value may come).
   */
  readonly foreignValues: string[];
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
      const request = new Map<string, Set<string>>();
      for (const parameter of (op.parameters ?? []) as Json[]) {
        if (parameter.in !== 'query') continue;
        const name = `query.${String(parameter.name)}`;
        request.set(name, new Set());
        collect(doc, parameter.schema as Json | undefined, name, request);
      }
      collect(doc, jsonSchemaOf(body), '', request);
      const response = new Map<string, Set<string>>();
      collect(doc, jsonSchemaOf(success?.content as Json | undefined), '', response);
      shapes.set(key, {
        key,
        request: new Set(request.keys()),
        response: new Set(response.keys()),
        requestValues: enumerated(request),
        responseValues: enumerated(response),
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
  const refusedValues: string[] = [];
  const foreignValues: string[] = [];
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
    // Where DBOS enumerates: ours must take all of its values (an open field takes any) and
    // answer none but its (an open field may answer anything).
    for (const [field, values] of op.requestValues) {
      const taken = mine.requestValues.get(field);
      if (!taken) continue;
      for (const value of values) {
        if (!taken.has(value)) refusedValues.push(`${key} request ${field} ${value}`);
      }
    }
    for (const [field, values] of op.responseValues) {
      if (!mine.response.has(field)) continue; // reported missing above
      const answered = mine.responseValues.get(field) ?? ['*'];
      for (const value of answered) {
        if (!values.has(value)) foreignValues.push(`${key} response ${field} ${value}`);
      }
    }
  }
  const count = operationsOf(theirs).size;
  return {
    missingOperations: missingOperations.sort(),
    missingFields: missingFields.sort(),
    missingStatuses: missingStatuses.sort(),
    refusedValues: refusedValues.sort(),
    foreignValues: foreignValues.sort(),
    operations: { total: count, served: count - missingOperations.length },
    fields: { total, present },
  };
}

function jsonSchemaOf(content: Json | undefined): Json | undefined {
  if (!content) return undefined;
  const media = (content['application/json'] ?? Object.values(content)[0]) as Json | undefined;
  return media?.schema as Json | undefined;
}

/**
 * Adds to `into` the dotted field paths of a schema, each with the values its `enum`s and
 * `const`s allow (JSON text; none for an open field), following `$ref`s (once per path: schemas
 * may recurse).
 */
function collect(
  doc: Json,
  schema: Json | undefined,
  prefix: string,
  into: Map<string, Set<string>>,
  seen: ReadonlySet<string> = new Set(),
): void {
  if (!schema) return;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    if (!seen.has(ref)) collect(doc, resolve(doc, ref), prefix, into, new Set([...seen, ref]));
    return;
  }
  const values = prefix ? into.get(prefix) : undefined;
  for (const value of (schema.enum ?? []) as unknown[]) values?.add(JSON.stringify(value));
  if ('const' in schema) values?.add(JSON.stringify(schema.const));
  for (const combinator of ['anyOf', 'oneOf', 'allOf']) {
    for (const branch of (schema[combinator] ?? []) as Json[]) {
      collect(doc, branch, prefix, into, seen);
    }
  }
  for (const [name, property] of Object.entries(
    (schema.properties ?? {}) as Record<string, Json>,
  )) {
    if (name === '$schema') continue;
    const path = prefix ? `${prefix}.${name}` : name;
    if (!into.has(path)) into.set(path, new Set());
    collect(doc, property, path, into, seen);
  }
  if (schema.items) {
    // The items are not a field of their own: their fields are `<field>[].x`, and a scalar
    // array's enum is the field's.
    const path = `${prefix}[]`;
    const listed = into.has(path);
    if (!listed) into.set(path, new Set());
    collect(doc, schema.items as Json, path, into, seen);
    for (const value of into.get(path) ?? []) values?.add(value);
    if (!listed) into.delete(path);
  }
}

/** The fields that enumerate their values. */
function enumerated(fields: Map<string, Set<string>>): Map<string, ReadonlySet<string>> {
  return new Map([...fields].filter(([, values]) => values.size > 0));
}

function resolve(doc: Json, ref: string): Json | undefined {
  let node: unknown = doc;
  for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Json | undefined)?.[part];
  return node as Json | undefined;
}
