import { describe, expect, it } from 'vitest';
import { driftFrom, operationsOf } from './api-drift';

const json = (schema: Record<string, unknown>) => ({
  content: { 'application/json': { schema } },
});

/** A DBOS-like spec: a bare array of workflows, and a create with a body. */
const theirs = {
  paths: {
    '/v2/orgs/{orgName}/apps/{appName}/workflows': {
      get: {
        parameters: [
          { in: 'path', name: 'orgName' },
          { in: 'query', name: 'sortDesc' },
        ],
        responses: { '200': json({ type: 'array', items: { $ref: '#/components/schemas/W' } }) },
      },
    },
    '/v2/orgs/{orgName}/tokens/{tokenName}': {
      post: {
        requestBody: json({
          type: 'object',
          properties: {
            $schema: { type: 'string' },
            permissions: { type: 'array', items: { type: 'string' } },
          },
        }),
        responses: { '201': json({ type: 'object', properties: { token: { type: 'string' } } }) },
      },
    },
  },
  components: {
    schemas: {
      W: {
        type: 'object',
        properties: {
          workflowId: { type: 'string' },
          subject: { anyOf: [{ type: 'null' }, { $ref: '#/components/schemas/S' }] },
        },
      },
      S: { type: 'object', properties: { display: { type: 'string' } } },
    },
  },
};

describe('the API drift measure', () => {
  it('reads field paths through refs, arrays and unions, leaving out $schema', () => {
    const ops = operationsOf(theirs);
    expect([...ops.keys()]).toEqual([
      'GET /v2/orgs/{}/apps/{}/workflows',
      'POST /v2/orgs/{}/tokens/{}',
    ]);
    expect([...(ops.get('GET /v2/orgs/{}/apps/{}/workflows')?.response ?? [])].sort()).toEqual([
      '[].subject',
      '[].subject.display',
      '[].workflowId',
    ]);
    expect([...(ops.get('POST /v2/orgs/{}/tokens/{}')?.request ?? [])]).toEqual(['permissions']);
    expect([...(ops.get('GET /v2/orgs/{}/apps/{}/workflows')?.request ?? [])]).toEqual([
      'query.sortDesc',
    ]);
  });

  it('reports operations not served, and fields a served one lacks (a wrapper is not an array)', () => {
    const ours = {
      paths: {
        '/v2/orgs/{org}/apps/{app}/workflows': {
          get: {
            responses: {
              '200': json({
                type: 'object',
                properties: {
                  items: {
                    type: 'array',
                    items: { type: 'object', properties: { workflowId: {} } },
                  },
                },
              }),
            },
          },
        },
      },
    };
    expect(driftFrom(theirs, ours)).toEqual({
      missingOperations: ['POST /v2/orgs/{}/tokens/{}'],
      missingFields: [
        'GET /v2/orgs/{}/apps/{}/workflows request query.sortDesc',
        'GET /v2/orgs/{}/apps/{}/workflows response [].subject',
        'GET /v2/orgs/{}/apps/{}/workflows response [].subject.display',
        'GET /v2/orgs/{}/apps/{}/workflows response [].workflowId',
      ],
      missingStatuses: [],
      refusedValues: [],
      foreignValues: [],
      operations: { total: 2, served: 1 },
      fields: { total: 4, present: 0 },
    });
  });

  it('reports a success status DBOS documents that a served operation never answers', () => {
    const create = theirs.paths['/v2/orgs/{orgName}/tokens/{tokenName}'].post;
    const ours = {
      ...theirs,
      paths: {
        ...theirs.paths,
        '/v2/orgs/{org}/tokens/{name}': { post: { ...create, responses: { '200': {} } } },
      },
    };
    expect(driftFrom(theirs, ours).missingStatuses).toEqual(['POST /v2/orgs/{}/tokens/{} 201']);
  });

  it('reports enum values a DBOS request may carry that ours refuses, and answers outside DBOS enums', () => {
    const enumOf = (...values: string[]) => ({ type: 'string', enum: values });
    const listing = (kinds: Record<string, unknown>) => ({
      '/v2/orgs/{o}/apps/{a}/executors': {
        get: {
          parameters: [{ in: 'query', name: 'kind', schema: kinds }],
          responses: {
            '200': json({
              type: 'array',
              items: {
                type: 'object',
                properties: { status: { $ref: '#/components/schemas/St' } },
              },
            }),
          },
        },
      },
      '/v2/orgs/{o}/tokens': {
        post: {
          requestBody: json({
            type: 'object',
            properties: { permissions: { type: 'array', items: kinds } },
          }),
          responses: { '201': json({ type: 'object', properties: { kind: { const: 'a' } } }) },
        },
      },
    });
    const dbos = {
      paths: listing(enumOf('a', 'b')),
      components: { schemas: { St: enumOf('UP', 'DOWN') } },
    };
    const podium = {
      paths: listing({ anyOf: [enumOf('a'), { type: 'null' }] }),
      components: { schemas: { St: enumOf('UP', 'DOWN', 'STOPPED') } },
    };
    expect(operationsOf(dbos).get('POST /v2/orgs/{}/tokens')?.requestValues).toEqual(
      new Map([['permissions', new Set(['"a"', '"b"'])]]),
    );
    expect(driftFrom(dbos, podium)).toMatchObject({
      missingFields: [],
      refusedValues: [
        'GET /v2/orgs/{}/apps/{}/executors request query.kind "b"',
        'POST /v2/orgs/{}/tokens request permissions "b"',
      ],
      foreignValues: ['GET /v2/orgs/{}/apps/{}/executors response [].status "STOPPED"'],
    });
    expect(driftFrom(podium, podium)).toMatchObject({ refusedValues: [], foreignValues: [] });
    // A field DBOS enumerates that ours leaves open may answer anything.
    const open = structuredClone(podium);
    open.paths['/v2/orgs/{o}/tokens'].post.responses['201'] = json({
      type: 'object',
      properties: { kind: { type: 'string' } },
    });
    expect(driftFrom(dbos, open).foreignValues).toContain(
      'POST /v2/orgs/{}/tokens response kind *',
    );
  });

  it('finds nothing missing in a document against itself', () => {
    expect(driftFrom(theirs, theirs)).toMatchObject({
      missingOperations: [],
      missingFields: [],
      fields: { total: 6, present: 6 },
    });
  });
});
