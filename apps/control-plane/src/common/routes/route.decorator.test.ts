import { Body, Controller, Param, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { AppError } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RouteInputPipe } from './route-input.pipe';
import { ROUTE_SPEC, Route } from './route.decorator';
import { routeTable } from './route-spec';

const ROUTES = routeTable({
  renameThing: {
    method: 'patch',
    path: '/v2/orgs/{org}/things/{id}',
    summary: 'Rename a thing',
    tag: 'Things',
    access: 'admin',
    params: z.object({ id: z.uuid() }),
    body: z.object({ name: z.string().min(1) }),
    response: z.object({ name: z.string() }),
  },
  removeThing: {
    method: 'delete',
    path: '/v2/orgs/{org}/things/{id}',
    summary: 'Remove a thing',
    tag: 'Things',
    access: 'admin',
    params: z.object({ id: z.uuid() }),
    status: 204,
  },
  listThings: {
    method: 'post',
    path: '/v2/orgs/{org}/things/search',
    summary: 'Search things',
    tag: 'Things',
    access: 'read',
    query: z.object({ limit: z.coerce.number().default(10) }),
    body: z.object({ prefix: z.string().optional() }),
    response: z.object({ items: z.array(z.string()) }),
  },
});

describe('@Route', () => {
  @Controller()
  class Things {
    @Route(ROUTES.renameThing)
    rename(@Param() params: unknown, @Body() body: unknown) {
      return { params, body };
    }

    @Route(ROUTES.removeThing)
    remove(@Param() params: unknown) {
      return params;
    }
  }

  it('registers the method, path and success status of the spec, and the spec for the guards', () => {
    const rename = Object.getOwnPropertyDescriptor(Things.prototype, 'rename')?.value as object;
    expect(Reflect.getMetadata(PATH_METADATA, rename)).toBe('/v2/orgs/:org/things/:id');
    expect(Reflect.getMetadata(METHOD_METADATA, rename)).toBe(RequestMethod.PATCH);
    expect(Reflect.getMetadata(HTTP_CODE_METADATA, rename)).toBe(200);
    expect(Reflect.getMetadata(ROUTE_SPEC, rename)).toBe(ROUTES.renameThing);
    const remove = Object.getOwnPropertyDescriptor(Things.prototype, 'remove')?.value as object;
    expect(Reflect.getMetadata(HTTP_CODE_METADATA, remove)).toBe(204);
  });

  it('takes the operation id from the route table key', () => {
    expect(ROUTES.removeThing.operationId).toBe('removeThing');
  });

  it('refuses a handler that reads a part its spec does not declare', () => {
    // `@Route` checks the handler as the class is defined.
    const define = () => {
      class Bad {
        @Route(ROUTES.removeThing)
        remove(@Param() params: unknown, @Body() body: unknown) {
          return { params, body };
        }
      }
      return Bad;
    };
    expect(define).toThrow(/removeThing: the handler reads the body, which its spec does not/);
  });

  it('refuses a handler that leaves a declared part unread (and so unvalidated)', () => {
    // `@Route` checks the handler as the class is defined.
    const define = () => {
      class Bad {
        @Route(ROUTES.renameThing)
        rename(@Body() body: unknown) {
          return body;
        }
      }
      return Bad;
    };
    expect(define).toThrow(/renameThing: the handler ignores the param, which its spec declares/);
  });

  it('refuses a handler that reads one field of a part instead of the validated whole', () => {
    // `@Route` checks the handler as the class is defined.
    const define = () => {
      class Bad {
        @Route(ROUTES.removeThing)
        remove(@Param('id') id: string) {
          return id;
        }
      }
      return Bad;
    };
    expect(define).toThrow(/removeThing: read the param whole/);
  });
});

describe('RouteInputPipe', () => {
  const pipe = new RouteInputPipe(ROUTES.listThings);
  const validationErrors = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (AppError.is(error) && error.code === 'VALIDATION_FAILED') return error.errors;
      throw error;
    }
    throw new Error('no validation error');
  };

  it('parses each part with the schema its spec gives it', () => {
    expect(pipe.transform({ limit: '5' }, { type: 'query' })).toEqual({ limit: 5 });
    expect(pipe.transform({ prefix: 'a' }, { type: 'body' })).toEqual({ prefix: 'a' });
  });

  it('takes a missing body as {} when the schema accepts that (the docs say it is optional)', () => {
    expect(pipe.transform(undefined, { type: 'body' })).toEqual({});
    const rename = new RouteInputPipe(ROUTES.renameThing);
    expect(validationErrors(() => rename.transform(undefined, { type: 'body' }))).toEqual([
      { path: '(root)', location: 'body', message: expect.any(String) as string },
    ]);
  });

  it('lists every problem of a part as VALIDATION_FAILED', () => {
    const rename = new RouteInputPipe(ROUTES.renameThing);
    expect(
      validationErrors(() => rename.transform({ org: 'acme', id: 'x' }, { type: 'param' })),
    ).toEqual([
      { path: 'id', location: 'path.id', value: 'x', message: expect.any(String) as string },
    ]);
    expect(validationErrors(() => rename.transform({ name: '' }, { type: 'body' }))).toEqual([
      { path: 'name', location: 'body.name', value: '', message: expect.any(String) as string },
    ]);
  });

  it("names each unknown key of a closed body at its own location, with the value sent (DBOS's errors[])", () => {
    const closed = new RouteInputPipe({
      ...ROUTES.listThings,
      body: z.strictObject({ prefix: z.string().optional() }),
    });
    expect(
      validationErrors(() =>
        closed.transform({ prefix: 'a', typo: 1, other: 'x' }, { type: 'body' }),
      ),
    ).toEqual([
      { path: '(root)', location: 'body.typo', value: 1, message: expect.any(String) as string },
      { path: '(root)', location: 'body.other', value: 'x', message: expect.any(String) as string },
    ]);
  });

  it("drops a body's top-level $schema link (DBOS Conductor's objects carry one), nothing else", () => {
    const closed = new RouteInputPipe({
      ...ROUTES.listThings,
      body: z.strictObject({ prefix: z.string().optional() }),
    });
    const link = 'https://conductor.example/schemas/Things.json';
    expect(closed.transform({ $schema: link, prefix: 'a' }, { type: 'body' })).toEqual({
      prefix: 'a',
    });
    expect(
      validationErrors(() =>
        closed.transform({ prefix: 'a', nested: { $schema: link } }, { type: 'body' }),
      ),
    ).toEqual([
      {
        path: '(root)',
        location: 'body.nested',
        value: { $schema: link },
        message: expect.any(String) as string,
      },
    ]);
  });

  it('leaves the other parameters (request context, client) alone', () => {
    const context = { principal: undefined };
    expect(pipe.transform(context, { type: 'custom' })).toBe(context);
  });
});
