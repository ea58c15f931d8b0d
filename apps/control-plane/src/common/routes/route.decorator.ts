import {
  applyDecorators,
  Header,
  HttpCode,
  RequestMapping,
  RequestMethod,
  SetMetadata,
  UseInterceptors,
  UsePipes,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ListPageInterceptor } from './list-page.interceptor';
import { PreferredRepresentationInterceptor } from './preferred-representation.interceptor';
import { RouteInputPipe, type RoutePart, routeInputs } from './route-input.pipe';
import type { RouteSpec } from './route-spec';

/** Metadata key of the spec a handler serves (read by the guards: access and audit). */
export const ROUTE_SPEC = 'podium:route-spec';

const METHODS: Record<RouteSpec['method'], RequestMethod> = {
  get: RequestMethod.GET,
  post: RequestMethod.POST,
  put: RequestMethod.PUT,
  patch: RequestMethod.PATCH,
  delete: RequestMethod.DELETE,
};

/** Nest's numeric parameter types of the parts a spec validates (see RouteParamtypes). */
const PART_OF_PARAMTYPE: Record<string, RoutePart> = { 3: 'body', 4: 'query', 5: 'param' };

/**
 * Serves `spec` with the decorated handler: the Nest route (method, path, success status), the
 * validation of its body, query and path parameters, and the metadata the guards read for its
 * access and audit action. Controllers carry `@Controller()` without a path and no other route
 * decorator: every fact about a route is in its spec. A handler must read exactly the parts its
 * spec declares, each whole (`@Body()`, not `@Body('name')`): anything else fails at start-up.
 */
export function Route(spec: RouteSpec): MethodDecorator {
  const decorators = [
    RequestMapping({ path: nestPath(spec.path), method: METHODS[spec.method] }),
    HttpCode(spec.status ?? 200),
    SetMetadata(ROUTE_SPEC, spec),
    UsePipes(new RouteInputPipe(spec)),
    assertReadsItsInputs(spec),
  ];
  if (spec.status !== 204 && (spec.media === 'text/html' || spec.media === 'application/yaml')) {
    decorators.push(Header('Content-Type', `${spec.media}; charset=utf-8`));
  }
  if (spec.status !== 204 && spec.paged)
    decorators.push(UseInterceptors(new ListPageInterceptor()));
  if (spec.status !== 204 && spec.representationOnRequest)
    decorators.push(UseInterceptors(new PreferredRepresentationInterceptor()));
  return applyDecorators(...decorators);
}

/** `/v2/orgs/{org}` → `/v2/orgs/:org`. */
export function nestPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/**
 * Checks the handler's `@Body()`, `@Query()` and `@Param()` against the spec. Parameter
 * decorators are applied before method decorators, so their metadata is there to read.
 */
function assertReadsItsInputs(spec: RouteSpec): MethodDecorator {
  return (target, key) => {
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key) ??
      {}) as Record<string, { data?: unknown }>;
    const read = new Set<RoutePart>();
    for (const [argKey, { data }] of Object.entries(args)) {
      const part = PART_OF_PARAMTYPE[argKey.split(':')[0] ?? ''];
      if (!part) continue;
      if (data !== undefined) {
        throw new Error(`${spec.operationId}: read the ${part} whole, as its spec validates it`);
      }
      read.add(part);
    }
    for (const [part, schema] of Object.entries(routeInputs(spec)) as Array<[RoutePart, unknown]>) {
      if (Boolean(schema) !== read.has(part)) {
        throw new Error(
          `${spec.operationId}: the handler ${read.has(part) ? 'reads' : 'ignores'} the ${part}, which its spec ${schema ? 'declares' : 'does not declare'}`,
        );
      }
    }
  };
}
