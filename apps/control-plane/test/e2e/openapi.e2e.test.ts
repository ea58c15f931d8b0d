import type { Server } from 'node:http';
import { type INestApplication, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { permissionOfRoute } from '../../src/common/auth/route-permission';
import { policyOf } from '../../src/modules/auth/route-policy';
import { ROUTE_SPEC } from '../../src/common/routes/route.decorator';
import { API_ROUTES } from '../../src/modules/openapi/openapi.service';
import type { RouteSpec } from '../../src/common/routes/route-spec';
import { usePostgresControlPlane } from './start';

/** `GET /v2/orgs/{org}`: one key per operation, in OpenAPI's path syntax. */
const keyOf = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`;

/** Whether Fastify's router really answers `key` (not just a decorator saying so). */
function isRouted(app: INestApplication<Server>, key: string): boolean {
  const fastify = app.getHttpAdapter().getInstance() as {
    hasRoute(route: { method: string; url: string }): boolean;
  };
  const [method = '', path = ''] = key.split(' ');
  return fastify.hasRoute({ method, url: path.replace(/\{(\w+)\}/g, ':$1') });
}

interface Handler {
  readonly key: string;
  readonly status: number;
  /** As the guards read it from the handler's route spec: public, a level, or neither. */
  readonly access: string | undefined;
}

/** Every controller method, read from Nest's metadata (what `@Route` registered). */
function handlers(app: INestApplication<Server>): Handler[] {
  const reflector = app.get(Reflector);
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => wrapper.metatype as new () => object),
  );
  return controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const proto = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(proto).flatMap((name) => {
      const handler = proto[name];
      if (typeof handler !== 'function' || name === 'constructor') return [];
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) return [];
      const path = ['', base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')]
        .join('/')
        .replace(/\/+/g, '/')
        .replace(/(.)\/$/, '$1');
      const verb = RequestMethod[method];
      const spec = reflector.get<RouteSpec | undefined>(ROUTE_SPEC, handler as () => unknown);
      const policy = spec && policyOf(spec);
      const status =
        (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
        (verb === 'POST' ? 201 : 200);
      const access = policy ? (policy.isPublic ? 'public' : policy.required) : 'no route spec';
      return [{ key: keyOf(verb, path), status, access }];
    });
  });
}

/** The access a spec entry claims, as the guards read it (`user`: no permission). */
function declaredAccess(route: RouteSpec): string | undefined {
  return route.access === 'public' ? 'public' : permissionOfRoute(route);
}

describe('the OpenAPI document against the routes Nest registered (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  const documented = API_ROUTES.map((r) => keyOf(r.method, r.path));

  it('documents every registered route, and registers every documented one', () => {
    const registered = handlers(stack.server.app).map((h) => h.key);
    expect(registered.length).toBeGreaterThanOrEqual(45);
    expect([...registered].sort()).toEqual([...documented].sort());
    expect(new Set(documented).size).toBe(documented.length);
    expect(documented.filter((key) => !isRouted(stack.server.app, key))).toEqual([]);
    expect(isRouted(stack.server.app, 'GET /v2/no-such-route')).toBe(false);
  });

  it('states the success status and the access each handler declares', () => {
    const found = handlers(stack.server.app);
    // The metadata walk sees what the router routes (so the checks below cover every route).
    expect(found.every((h) => isRouted(stack.server.app, h.key))).toBe(true);
    for (const handler of found) {
      const route = API_ROUTES.find((r) => keyOf(r.method, r.path) === handler.key);
      expect(route, handler.key).toBeDefined();
      if (!route) continue;
      expect(route.status ?? 200, `${handler.key} status`).toBe(handler.status);
      expect(declaredAccess(route), `${handler.key} access`).toBe(handler.access);
      if (route.access === 'user') expect(route.path, handler.key).not.toContain('{org}');
    }
  });

  it('serves the document and a docs page showing every operation, without authentication', async () => {
    const spec = await fetch(`${stack.server.url}/openapi.json`);
    expect(spec.status).toBe(200);
    const body = (await spec.json()) as { openapi: string; info: { title: string }; paths: object };
    expect(body).toMatchObject({ openapi: '3.1.0', info: { title: 'Podium control plane API' } });
    expect(Object.keys(body.paths)).toContain('/v2/orgs/{org}/tokens/{tokenName}');

    const yaml = await fetch(`${stack.server.url}/openapi.yaml`);
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(parseYaml(await yaml.text())).toEqual(body);
    const spec30 = await fetch(`${stack.server.url}/openapi-3.0.json`);
    expect(spec30.status).toBe(200);
    const body30 = (await spec30.json()) as { openapi: string; paths: object };
    expect(body30.openapi).toBe('3.0.3');
    expect(Object.keys(body30.paths)).toEqual(Object.keys(body.paths));

    const res = await fetch(`${stack.server.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await res.text();
    for (const route of API_ROUTES) {
      expect(html).toContain(`<article id="${route.operationId}">`);
      expect(html).toContain(`<code>${route.path}</code>`);
    }
  });
});
