import {
  PAGE_META_FIELDS,
  type AccessLevel,
  type ErrorCode,
  type ListPageMetaField,
} from '@podium/protocol';
import type { z } from 'zod';

/**
 * Who may call a route:
 * - `public`: anyone; no authentication (the route may check credentials itself: `security`);
 * - `user`: a signed-in user (console session), outside any organization; API keys are refused;
 * - an access level: the kind of action in `{org}`, from which the DBOS permission it needs is
 *   derived (`permissionOfRoute`); users hold it by role, API keys by their permissions.
 */
export type RouteAccess = 'public' | 'user' | AccessLevel;

/** Credentials a client can present; OpenAPI security schemes (see modules/openapi). */
export type Credential = 'bearer' | 'session' | 'refresh' | 'csrf';

interface RouteBase {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI template: `/v2/orgs/{org}/apps/{app}/workflows/{workflowId}`. */
  readonly path: string;
  readonly operationId: string;
  /** One line. */
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly access: RouteAccess;
  /**
   * An organization-level route (no `{app}`) that API keys may call too, by the route's
   * permission: DBOS Conductor serves keys every operation it does not mark
   * `x-dbos-requires-oauth` (keys, permissions, the list of applications). A test holds this to
   * the vendored spec. An application's routes take keys without it (see `acceptsApiKeys`).
   */
  readonly keys?: true;
  /**
   * The ways to authenticate, each a set of credentials sent together. Derived from `access`
   * when absent; public routes that check credentials themselves (sessions) say which.
   */
  readonly security?: ReadonlyArray<readonly Credential[]>;
  /** Path parameters besides `{org}` and `{app}` (added automatically). */
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /**
   * Problems particular to this route. Those implied by the rest of the spec are added: 422 for
   * inputs (400 for an unreadable body), 401/403 for authenticated routes, 404 for path parameters, 501–503 via executors.
   */
  readonly errors?: readonly ErrorCode[];
  /** Served by a connected executor (adds the 501/502/503 problems). */
  readonly viaExecutor?: boolean;
  /** An operator action: audited by its service, and by the access guard when it refuses. */
  readonly audit?: RouteAudit;
  /**
   * `{app}` may name an application that does not exist yet (DBOS's idempotent `PUT` register):
   * the guard resolves it when it exists and otherwise lets the call through without one.
   */
  readonly appMayBeNew?: boolean;
  /**
   * Takes bodies up to the executor frame limit (`PODIUM_EXECUTOR_MAX_FRAME_BYTES`) rather than
   * 1 MiB: a payload handed to an executor whole (an import) may be as large as what an
   * executor may send us (the export it came from). Its caller is authenticated before the
   * body is read. See `installExecutorSizedBodies`.
   */
  readonly executorSizedBody?: boolean;
}

interface RouteWithBody extends RouteBase {
  /** The success status; 200 unless said. */
  readonly status?: 200 | 201;
  /** The success body; with `media: text/event-stream`, the shape of each event. */
  readonly response: z.ZodType;
  /** `application/json` unless said. */
  readonly media?: 'text/event-stream' | 'text/html' | 'application/yaml' | 'text/plain';
  /** Other statuses answered with the same body (readiness: 503 when a dependency is down). */
  readonly alternates?: ReadonlyArray<{ readonly status: number; readonly description: string }>;
  /**
   * A list: the handler returns a `ListPage` (`{ items, ...meta }`); `response` is the bare array
   * of its items (`listResponse`), and the meta fields named here go in headers (`LIST_HEADERS`,
   * see ListPageInterceptor). `true`: a paged list (`PAGE_META_FIELDS`).
   */
  readonly paged?: true | readonly ListPageMetaField[];
  /**
   * Answers 204 with no body, DBOS Conductor's status for this operation, unless the request says
   * `Prefer: return=representation` (RFC 7240): then `status` with `response` (see
   * PreferredRepresentationInterceptor). Podium's console asks for it; DBOS's tools get DBOS's answer.
   */
  readonly representationOnRequest?: true;
}

interface RouteWithoutBody extends RouteBase {
  readonly status: 204;
  readonly response?: undefined;
}

/**
 * One HTTP operation, described from the protocol's zod schemas: the one place for its method,
 * path, success status, access, inputs, audit action and documentation. Each feature keeps its
 * table next to its controllers (`*.routes.ts`); a handler takes its entry with `@Route(spec)`,
 * which registers it with Nest and validates its inputs, the guards read access and audit from
 * it, and `/openapi.json` is generated from the tables.
 */
export type RouteSpec = RouteWithBody | RouteWithoutBody;

/** An audited action: its dotted name and the type of its target, as audit entries show them. */
export interface AuditedAction {
  /** `token.revoke`, `workflow.cancel`, ... */
  readonly name: string;
  readonly targetType: string;
}

export interface RouteAudit {
  /** The action, as the route's service records it. */
  readonly action: AuditedAction;
  /** The path parameter naming the target, if any (`id`, `userId`, `app`, `workflowId`). */
  readonly targetParam?: string;
}

/** A route as its table writes it: the operation id is its key in the table. */
type RouteDraft = RouteSpec extends infer S
  ? S extends RouteSpec
    ? Omit<S, 'operationId'>
    : never
  : never;

/** A feature's routes keyed by operation id, so a handler names its entry (`@Route(T.listX)`). */
export function routeTable<K extends string>(drafts: Record<K, RouteDraft>): Record<K, RouteSpec> {
  const entries = Object.entries<RouteDraft>(drafts).map(([operationId, draft]) => {
    const spec: RouteSpec = { operationId, ...draft };
    return [operationId, spec];
  });
  return Object.fromEntries(entries) as Record<K, RouteSpec>;
}

/** A body the schema accepts empty (`{}`) may be left out: both the docs and the pipe say so. */
export function isBodyOptional(body: z.ZodType): boolean {
  return body.safeParse({}).success;
}

/** The path with `{param}` turned into a concrete example, for tests. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(values[name] ?? `test-${name}`),
  );
}

/** The page meta a `paged` route sends in headers (none for other routes). */
export function listMetaFields(spec: RouteSpec): readonly ListPageMetaField[] {
  if (spec.status === 204 || !spec.paged) return [];
  return spec.paged === true ? PAGE_META_FIELDS : spec.paged;
}
