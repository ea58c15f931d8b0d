import type { z } from 'zod';
import type { AccessLevel } from '../../common/auth/principal';

/**
 * One HTTP operation, described from the protocol's zod schemas. Each feature keeps its table
 * next to its controllers (`*.routes.ts`); `/openapi.json` is generated from the tables, and the
 * e2e tests call every listed route, so the table and the controllers cannot drift apart.
 */
export interface RouteSpec {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI template: `/v2/orgs/{org}/apps/{app}/workflows/{workflowId}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  /** The level the caller needs in the organization; `public` for no authentication. */
  readonly access: AccessLevel | 'public';
  /** Path parameters besides `{org}` and `{app}` (added automatically). */
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** The 200 body; `stream` describes a `text/event-stream` whose events have this shape. */
  readonly response: z.ZodType;
  readonly stream?: boolean;
  /** Served by a connected executor (adds the 501/502/503 problems). */
  readonly viaExecutor?: boolean;
}

/** The path with `{param}` turned into a concrete example, for tests. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(values[name] ?? `test-${name}`),
  );
}
