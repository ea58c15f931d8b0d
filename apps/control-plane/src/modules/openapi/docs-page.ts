import type { OpenApiDocument } from './openapi.document';

/**
 * `/docs`: the OpenAPI document as one self-contained HTML page (no scripts, no fonts, nothing
 * fetched from anywhere): how to authenticate, operations grouped by tag with their parameters,
 * bodies, responses and credentials, then every schema (fields with their descriptions), with
 * `$ref`s as in-page links.
 */

type Json = Record<string, unknown>;

export function renderDocsPage(doc: OpenApiDocument): string {
  const info = doc.info as { title: string; version: string; description?: string };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(operations.map((o) => firstTag(o.op)))];
  const components = doc.components as Json;
  const schemas = (components.schemas ?? {}) as Record<string, Json>;
  const schemes = (components.securitySchemes ?? {}) as Record<string, Json>;
  const sections = tags.map(
    (tag) =>
      `<section><h2>${esc(tag)}</h2>${operations
        .filter((o) => firstTag(o.op) === tag)
        .map((o) => renderOperation(o.method, o.path, o.op))
        .join('')}</section>`,
  );
  const schemaList = Object.entries(schemas)
    .map(
      ([id, schema]) =>
        `<div class="schema" id="schema-${esc(id)}"><h3>${esc(id)}</h3>${renderSchema(schema)}</div>`,
    )
    .join('');
  const schemeRows = Object.entries(schemes)
    .map(
      ([id, scheme]) =>
        `<tr><td><code>${esc(id)}</code></td><td>${esc(text(scheme.description))}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title><style>${STYLE}</style></head>
<body><header><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1>
<p>${esc(info.description ?? '')} Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1; also <a href="/openapi.yaml">/openapi.yaml</a>, and <a href="/openapi-3.0.json">/openapi-3.0.json</a> for 3.0 tools).</p></header>
<main><section><h2>Authentication</h2><table>${schemeRows}</table></section>
${sections.join('')}<section><h2>Schemas</h2>${schemaList}</section></main></body></html>`;
}

function renderOperation(method: string, path: string, op: Json): string {
  const params = (op.parameters ?? []) as Json[];
  const body = op.requestBody as { required?: boolean; content: Record<string, Json> } | undefined;
  const responses = (op.responses ?? {}) as Record<string, Json>;
  const paramRows = params
    .map(
      (p) =>
        `<tr><td><code>${esc(text(p.name))}</code></td><td>${esc(text(p.in))}</td><td>${p.required ? 'yes' : ''}</td><td>${summary(p.schema)}</td><td>${esc(text(p.description))}</td></tr>`,
    )
    .join('');
  const responseRows = Object.entries(responses)
    .map(([status, r]) => {
      const content = (r.content ?? {}) as Record<string, Json>;
      const [type, media] = Object.entries(content)[0] ?? [];
      return `<tr><td>${esc(status)}</td><td>${esc(text(r.description))}</td><td>${type ? `<code>${esc(type)}</code> ${summary(media?.schema)}` : ''}</td></tr>`;
    })
    .join('');
  const bodyMedia = body ? Object.values(body.content)[0] : undefined;
  return `<article id="${esc(text(op.operationId))}">
<h3><span class="method ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(text(op.summary))} <span class="access">access: ${esc(text(op['x-podium-permission'] ?? op['x-podium-access']))}; credentials: ${esc(credentials(op))}</span></p>
${op.description ? `<p>${esc(text(op.description))}</p>` : ''}
${paramRows ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th><th></th></tr>${paramRows}</table>` : ''}
${bodyMedia ? `<p>Request body${body?.required ? ' (required)' : ''}: ${summary(bodyMedia.schema)}</p>` : ''}
<table><tr><th>status</th><th>meaning</th><th>body</th></tr>${responseRows}</table></article>`;
}

/** `bearerAuth or sessionCookie + csrfToken`; `none` for public routes. */
function credentials(op: Json): string {
  const sets = (op.security ?? []) as Array<Record<string, unknown>>;
  return sets.map((set) => Object.keys(set).join(' + ')).join(' or ') || 'none';
}

/** An object schema as a table of its fields; anything else as JSON. */
function renderSchema(schema: Json): string {
  const properties = schema.properties as Record<string, Json> | undefined;
  if (schema.type !== 'object' || !properties) return json(schema);
  const required = new Set((schema.required ?? []) as string[]);
  const rows = Object.entries(properties)
    .map(
      ([name, property]) =>
        `<tr><td><code>${esc(name)}</code></td><td>${required.has(name) ? 'yes' : ''}</td><td>${summary(property)}</td><td>${esc(text(property.description))}</td></tr>`,
    )
    .join('');
  const about = schema.description ? `<p>${esc(text(schema.description))}</p>` : '';
  return `${about}<table><tr><th>field</th><th>required</th><th>schema</th><th></th></tr>${rows}</table>`;
}

function firstTag(op: Json): string {
  return ((op.tags as string[] | undefined) ?? ['Other'])[0] ?? 'Other';
}

/** A schema in a few words: `integer ≥ 1 ≤ 500 (default 50)`, `PENDING | SUCCESS`, a link. */
function summary(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const schema = value as Json;
  if (typeof schema.$ref === 'string') {
    const id = schema.$ref.split('/').at(-1) ?? '';
    return `<a href="#schema-${esc(id)}">${esc(id)}</a>`;
  }
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union)) return union.map(summary).join(' | ');
  if (schema.const !== undefined) return esc(JSON.stringify(schema.const));
  if (schema.type === 'array') {
    const item = summary(schema.items);
    return item.includes(' ') ? `(${item})[]` : `${item}[]`;
  }
  if (schema.type === 'object' && schema.properties) return json(schema);
  // `type: ['string', 'null']` with a format reads `date-time | null`.
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).map(text);
  if (schema.format !== undefined) types[0] = text(schema.format);
  const parts = [
    Array.isArray(schema.enum) ? schema.enum.map((v) => text(v)).join(' | ') : types.join(' | '),
  ];
  if (typeof schema.minimum === 'number' && schema.minimum > Number.MIN_SAFE_INTEGER) {
    parts.push(`≥ ${schema.minimum}`);
  }
  if (typeof schema.maximum === 'number' && schema.maximum < Number.MAX_SAFE_INTEGER) {
    parts.push(`≤ ${schema.maximum}`);
  }
  if (schema.default !== undefined) parts.push(`(default ${text(schema.default)})`);
  return esc(parts.filter((p) => p !== '').join(' ')) || json(schema);
}

/** Pretty JSON, escaped, with component references turned into links. */
function json(value: unknown): string {
  const rendered = esc(JSON.stringify(value ?? {}, null, 2));
  const linked = rendered.replace(
    /&quot;#\/components\/schemas\/([\w.-]+)&quot;/g,
    (_m, id: string) => `<a href="#schema-${id}">${id}</a>`,
  );
  return `<pre>${linked}</pre>`;
}

/** A value of the document as display text. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

function esc(raw: string): string {
  return raw
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1d2430}
header{padding:1rem 2rem;background:#f3f5f8;border-bottom:1px solid #dde2ea}main{padding:0 2rem 3rem}
h2{margin-top:2rem;border-bottom:1px solid #dde2ea}article{margin:1.5rem 0;padding-bottom:1rem;border-bottom:1px dashed #dde2ea}
.method{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:2px 6px;background:#5b6678}
.get{background:#2f7d4f}.post{background:#2d5fa8}.delete{background:#b23b3b}.put,.patch{background:#a86a1d}
.access{color:#5b6678;font-size:12px;margin-left:1em}table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #dde2ea;padding:4px 8px;vertical-align:top;text-align:left}
pre{margin:0;max-height:24em;overflow:auto;background:#f8f9fb;padding:4px 8px;font-size:12px}`;
