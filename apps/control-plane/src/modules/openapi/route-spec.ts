import type { ErrorCode } from '@podium/protocol';
import type { z } from 'zod';
import type { AccessLevel } from '../../common/auth/principal';

/**
 * Who may call a route:
 * - `public`: anyone; no authentication (the route may check credentials itself: `security`);
 * - `user`: a signed-in user (console session), outside any organization; API keys are refused;
 * - an access level: what the caller needs in `{org}` (users by role, API keys by permission).
 */
export type RouteAccess = 'public' | 'user' | AccessLevel;

/** Credentials a client can present; OpenAPI security schemes (see openapi.document.ts). */
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
   * The ways to authenticate, each a set of credentials sent together. Derived from `access`
   * when absent; public routes that check credentials themselves (sessions) say which.
   */
  readonly security?: ReadonlyArray<readonly Credential[]>;
  /** Path parameters besides `{org}` and `{app}` (added automatically). */
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /**
   * Problems particular to this route. Those implied by the rest of the spec are added: 400 for
   * inputs, 401/403 for authenticated routes, 404 for path parameters, 501–503 via executors.
   */
  readonly errors?: readonly ErrorCode[];
  /** Served by a connected executor (adds the 501/502/503 problems). */
  readonly viaExecutor?: boolean;
}

interface RouteWithBody extends RouteBase {
  /** The success status; 200 unless said. */
  readonly status?: 200 | 201;
  /** The success body; with `media: text/event-stream`, the shape of each event. */
  readonly response: z.ZodType;
  /** `application/json` unless said. */
  readonly media?: 'text/event-stream' | 'text/html';
  /** Other statuses answered with the same body (readiness: 503 when a dependency is down). */
  readonly alternates?: ReadonlyArray<{ readonly status: number; readonly description: string }>;
}

interface RouteWithoutBody extends RouteBase {
  readonly status: 204;
  readonly response?: undefined;
}

/**
 * One HTTP operation, described from the protocol's zod schemas. Each feature keeps its table
 * next to its controllers (`*.routes.ts`); `/openapi.json` is generated from the tables, and a
 * test compares them with the routes Nest registered, so the two cannot drift apart.
 */
export type RouteSpec = RouteWithBody | RouteWithoutBody;

/** The path with `{param}` turned into a concrete example, for tests. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(values[name] ?? `test-${name}`),
  );
}
