import type { Database } from '@podium/db';
import { ListWorkflowsResponseSchema, ProblemDetailsSchema } from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsApiKeys, permissionOfRoute } from '../../src/common/auth/route-permission';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { fillPath } from '../../src/common/routes/route-spec';
import { API_ROUTES } from '../../src/modules/openapi/openapi.service';
import { factories } from '../factories';
import type { Script } from '../support/link-harness';
import { apiClient } from './api-client';
import { pageOf } from './test-browser';
import { connectScriptedExecutor, type ScriptedLink } from './scripted-executor';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { DEFAULT_WAIT_TIMEOUT_MS, waitUntil } from './wait-until';

const RECORD = {
  WorkflowUUID: 'wf-1',
  Status: 'PENDING',
  WorkflowName: 'checkout',
  CreatedAt: '1767225600000',
  Attributes: '{"tenant":"acme"}',
  AuthenticatedRoles: "['ops']",
  Input: "[ 'order-1' ]",
};

/** A small in-memory DBOS: knows wf-1 and wf-2, cancels and answers reads. */
function dbosLike(): Script {
  const statuses = new Map([
    ['wf-1', 'PENDING'],
    ['wf-2', 'ENQUEUED'],
  ]);
  const record = (id: string) => ({ ...RECORD, WorkflowUUID: id, Status: statuses.get(id) });
  return (request) => {
    const body = (request.body ?? {}) as { workflow_uuids?: string[] };
    switch (request.type) {
      case 'get_workflow':
        return statuses.has(String(request.workflow_id))
          ? { output: record(String(request.workflow_id)) }
          : {};
      case 'list_workflows': {
        const ids = body.workflow_uuids ?? [...statuses.keys()];
        return { output: ids.filter((id) => statuses.has(id)).map(record) };
      }
      case 'cancel':
      case 'resume':
      case 'delete': {
        const ids = (request.workflow_ids as string[] | undefined) ?? [String(request.workflow_id)];
        for (const id of ids.filter((known) => statuses.has(known))) {
          if (request.type === 'delete') statuses.delete(id);
          else statuses.set(id, request.type === 'cancel' ? 'CANCELLED' : 'ENQUEUED');
        }
        return { success: true };
      }
      default:
        return { error_message: 'Unknown message type' };
    }
  };
}

describe('workflow and queue API with scripted executors (PostgreSQL, real WebSockets)', () => {
  let server: RunningControlPlane;
  let f: ReturnType<typeof factories>;
  let api: ReturnType<typeof apiClient>;
  let org: { id: string; name: string };
  let operatorKey: string;
  let readKey: string;
  const links: ScriptedLink[] = [];

  async function connectedApp(script: Script) {
    const app = await f.newApp(org.id);
    const link = await connectScriptedExecutor(
      `${server.conductorUrl}/websocket/${app.name}/${operatorKey}`,
      { executor_id: `exec-${app.name}`, application_version: 'v1' },
      script,
    );
    links.push(link);
    const registry = server.app.get(ExecutorRegistry);
    await waitUntil(
      () => registry.forApplication(app.id).length > 0,
      DEFAULT_WAIT_TIMEOUT_MS,
      'executor linked',
    );
    return { app, link, base: `/v2/orgs/${org.name}/apps/${app.name}` };
  }

  const stack = usePostgresControlPlane(
    // Short for the silent executors, yet long enough for answering ones on a loaded machine.
    { executors: { requestTimeoutMs: 4_000 } },
  );

  beforeAll(async () => {
    server = stack.server;
    f = factories(server.app);
    api = apiClient(server.url);
    org = await f.newOrg();
    operatorKey = (await f.newApiKey(org.id)).secret;
    readKey = (await f.newApiKey(org.id, { permissions: ['application.read'] })).secret;
  });
  afterAll(async () => {
    await Promise.all(links.map((l) => l.close()));
  });

  it('answers 503 EXECUTOR_UNAVAILABLE as a problem when the app has no executor connected', async () => {
    const app = await f.newApp(org.id);
    const res = await api('get', `/v2/orgs/${org.name}/apps/${app.name}/workflows`, {
      key: readKey,
    });
    expect(res.status).toBe(503);
    expect(res.contentType).toMatch(/application\/problem\+json/);
    expect(ProblemDetailsSchema.parse(res.body)).toMatchObject({ code: 'EXECUTOR_UNAVAILABLE' });
  });

  it('lists and searches through the executor, sending DBOS filters and mapping records to camelCase', async () => {
    const { base, link } = await connectedApp(dbosLike());
    const listed = await api('get', `${base}/workflows?status=PENDING,ENQUEUED&limit=2`, {
      key: readKey,
    });
    expect(listed.status).toBe(200);
    const page = pageOf(listed, ListWorkflowsResponseSchema);
    expect(page).toMatchObject({ limit: 2, offset: 0, nextOffset: 2 });
    expect(listed.headers.get('link')).toBe(
      `<${base}/workflows?status=PENDING%2CENQUEUED&limit=2&offset=2>; rel="next"`,
    );
    expect(page.items[0]).toMatchObject({
      workflowId: 'wf-1',
      status: 'PENDING',
      workflowName: 'checkout',
      createdAt: '2026-01-01T00:00:00.000Z',
      attributes: '{"tenant":"acme"}', // text, as DBOS Conductor's Workflow.attributes
      roles: "['ops']",
      input: "[ 'order-1' ]",
    });
    expect(link.requests.at(-1)).toMatchObject({
      type: 'list_workflows',
      body: { status: ['PENDING', 'ENQUEUED'], limit: 2, sort_desc: true, load_input: false },
    });
    await api('get', `${base}/workflows?executorId=exec-a&appVersion=v1,v2`, { key: readKey });
    expect(link.requests.at(-1)).toMatchObject({
      body: { executor_id: ['exec-a'], application_version: ['v1', 'v2'] },
    });

    const searched = await api('post', `${base}/workflows/search`, {
      key: readKey,
      body: { workflowIds: ['wf-2'], startTime: '2026-01-01T00:00:00Z', hasParent: false },
    });
    expect(searched.status).toBe(200);
    expect(link.requests.at(-1)).toMatchObject({
      body: {
        workflow_uuids: ['wf-2'],
        start_time: '2026-01-01T00:00:00.000+00:00',
        has_parent: false,
      },
    });
    // What a DBOS Conductor client may send back: its `$schema` link, null lists, `True`.
    const asDbosClients = await api('post', `${base}/workflows/search`, {
      key: readKey,
      body: { $schema: `${base}/schemas/WorkflowSearchBody.json`, status: null, user: null },
    });
    expect(asDbosClients.status).toBe(200);
    expect(link.requests.at(-1)?.body).not.toHaveProperty('status');
    const listedTrue = await api('get', `${base}/workflows?sortDesc=False&loadInput=True`, {
      key: readKey,
    });
    expect(listedTrue.status).toBe(200);
    expect(link.requests.at(-1)).toMatchObject({ body: { sort_desc: false, load_input: true } });
    const missing = await api('get', `${base}/workflows/nope`, { key: readKey });
    expect(missing).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('maps executor failures to problems: 502 EXECUTOR_ERROR (trimmed, in the log), 502 EXECUTOR_NO_ANSWER, 501', async () => {
    const failing = await connectedApp(() => ({
      error_message:
        'Exception encountered when listing workflows: Traceback (most recent call last):\n  File "/x.py", line 1\nValueError: bad filter',
    }));
    const error = await api('get', `${failing.base}/workflows`, { key: readKey });
    expect(error.status).toBe(502);
    expect(error.body).toMatchObject({ code: 'EXECUTOR_ERROR' });
    // An API key is no admin: the trimmed text is in the log, under the problem's reference.
    expect(error.body.detail).not.toContain('ValueError');
    const logged = server.logs.find((line) => line.includes(String(error.body.reference)));
    expect(logged).toContain(
      'Exception encountered when listing workflows:\\nValueError: bad filter',
    );

    const silent = await connectedApp(() => 'silent');
    const noAnswer = await api('get', `${silent.base}/queues`, { key: readKey });
    expect(noAnswer).toMatchObject({ status: 502, body: { code: 'EXECUTOR_NO_ANSWER' } });

    const old = await connectedApp(() => ({ error_message: 'Unknown message type' }));
    const unsupported = await api('get', `${old.base}/queues/payments`, { key: readKey });
    expect(unsupported).toMatchObject({ status: 501, body: { code: 'EXECUTOR_UNSUPPORTED' } });
  });

  it('lists every validation problem of a request', async () => {
    const app = await f.newApp(org.id);
    const base = `/v2/orgs/${org.name}/apps/${app.name}`;
    const res = await api('post', `${base}/workflows/search`, {
      key: readKey,
      body: { status: ['DONE'], limit: 0, startTime: 'yesterday', statuses: [] },
    });
    expect(res.status).toBe(422);
    const problem = ProblemDetailsSchema.parse(res.body);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(
      ['(root)', 'limit', 'startTime', 'status.0'].sort(),
    );
    const fork = await api('post', `${base}/workflows/wf-1/fork`, {
      key: operatorKey,
      body: { startStep: -1 },
    });
    expect(fork).toMatchObject({ status: 422, body: { errors: [{ path: 'startStep' }] } });
    const query = await api('get', `${base}/workflows?sortDesc=maybe&limit=9999`, {
      key: readKey,
    });
    expect(query.status).toBe(422);
    expect((query.body.errors as unknown[]).length).toBe(2);
    // A misspelt filter is refused rather than silently listing everything.
    const typo = await api('get', `${base}/workflows?executor=exec-a`, { key: readKey });
    expect(typo).toMatchObject({ status: 422, body: { code: 'VALIDATION_FAILED' } });
  });

  it('keeps tenants apart on every organization route: 401 without a key, 404 for another org or another app, 403 beyond what a key may do', async () => {
    const { app } = await connectedApp(dbosLike());
    const otherOrg = await f.newOrg();
    const foreignKey = (await f.newApiKey(otherOrg.id)).secret;
    const scopedElsewhere = (
      await f.newApiKey(org.id, { applicationIds: [(await f.newApp(org.id)).id] })
    ).secret;
    // What the operator key holds; keys reach an application's routes and a few of the
    // organization's (acceptsApiKeys).
    const operatorPermissions: readonly string[] = [
      'application.read',
      'application.write',
      'metric.read',
    ];
    const orgRoutes = API_ROUTES.filter((r) => r.path.includes('{org}'));
    expect(orgRoutes.length).toBeGreaterThanOrEqual(35);
    for (const route of orgRoutes) {
      const path = fillPath(route.path, { org: org.name, app: app.name, workflowId: 'wf-1' });
      const body = route.method === 'post' || route.method === 'patch' ? {} : undefined;
      const anonymous = await api(route.method, path, { body });
      expect(anonymous.status, `${route.operationId} without a key`).toBe(401);
      const foreign = await api(route.method, path, { key: foreignKey, body });
      expect(foreign.status, `${route.operationId} from another org`).toBe(404);
      const required = permissionOfRoute(route) ?? 'none';
      if (!acceptsApiKeys(route) || !operatorPermissions.includes(required)) {
        // Refused on the permission alone, before the application is looked up.
        const refused = await api(route.method, path, { key: operatorKey, body });
        expect(refused.status, `${route.operationId} with an API key`).toBe(403);
        continue;
      }
      if (route.path.includes('{app}')) {
        const scoped = await api(route.method, path, { key: scopedElsewhere, body });
        expect(scoped.status, `${route.operationId} with a key for another app`).toBe(404);
      }
      if (required === 'application.write') {
        const readOnly = await api(route.method, path, { key: readKey, body });
        expect(readOnly.status, `${route.operationId} with a read-only key`).toBe(403);
        expect(readOnly.body.code).toBe('FORBIDDEN');
      }
    }
    // The guard audits a refused action under the action's own name.
    const refusals = await server.app.get<Database>(DATABASE).prisma.auditEvent.findMany({
      where: { organizationId: org.id, action: 'workflow.cancel', outcome: 'FAILURE' },
    });
    const forbidden = refusals.filter(
      (e) => (e.details as { errorCode?: string }).errorCode === 'FORBIDDEN',
    );
    expect(forbidden.map((e) => e.targetId)).toContain('wf-1');
  });

  it('cancels through the executor, reads the status back and audits it; a missing workflow is a 404, audited too', async () => {
    const { app, base, link } = await connectedApp(dbosLike());
    const res = await api('post', `${base}/workflows/wf-1/cancel`, { key: operatorKey });
    expect(res).toMatchObject({
      status: 200,
      body: { workflowId: 'wf-1', outcome: 'SUCCESS', status: 'CANCELLED' },
    });
    expect(link.requests.find((r) => r.type === 'cancel')).toMatchObject({
      workflow_id: 'wf-1',
      cancel_children: false,
    });
    const missing = await api('post', `${base}/workflows/wf-9/cancel`, {
      key: operatorKey,
      body: { cancelChildren: true },
    });
    expect(missing).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });

    const audit = await server.app.get<Database>(DATABASE).prisma.auditEvent.findMany({
      where: { organizationId: org.id, action: 'workflow.cancel' },
      orderBy: { createdAt: 'asc' },
    });
    const mine = audit.filter(
      (e) => (e.details as { applicationId?: string }).applicationId === app.id,
    );
    expect(mine).toMatchObject([
      { targetType: 'workflow', targetId: 'wf-1', outcome: 'SUCCESS' },
      {
        targetId: 'wf-9',
        outcome: 'FAILURE',
        details: { errorCode: 'NOT_FOUND', cancelChildren: true },
      },
    ]);
    expect(mine[0]?.actorApiKeyId).toBeTruthy();
  });

  it("answers DBOS Conductor's 204 to a cancel, resume or delete, one or in bulk, that does not ask for its result", async () => {
    const { base } = await connectedApp(dbosLike());
    const minimal = (method: string, path: string, body?: unknown) =>
      api(method, `${base}/workflows${path}`, { key: operatorKey, body, minimal: true });
    for (const res of [
      await minimal('post', '/wf-1/cancel'),
      await minimal('post', '/wf-1/resume'),
      await minimal('post', '/bulk-cancel', { workflowIds: ['wf-1', 'wf-2'] }),
      await minimal('post', '/bulk-resume', { workflowIds: ['wf-2'] }),
      await minimal('delete', '/wf-2'),
      await minimal('post', '/bulk-delete', { workflowIds: ['wf-1'] }),
    ]) {
      expect(res).toMatchObject({ status: 204, body: { text: '' } });
      expect(res.headers.get('vary')).toMatch(/prefer/i);
    }
    // Asked for (RFC 7240), the result comes with a 200, as the console reads it.
    const asked = await api('post', `${base}/workflows/bulk-cancel`, {
      key: operatorKey,
      body: { workflowIds: ['wf-1'] },
    });
    expect(asked).toMatchObject({
      status: 200,
      body: { results: [{ workflowId: 'wf-1', outcome: 'NOT_FOUND' }] },
    });
    expect(asked.headers.get('preference-applied')).toBe('return=representation');
  });

  it('bulk-cancels with workflow_ids (workflow_id first), reporting per id and auditing each', async () => {
    const { app, base, link } = await connectedApp(dbosLike());
    const res = await api('post', `${base}/workflows/bulk-cancel`, {
      key: operatorKey,
      body: { workflowIds: ['wf-2', 'wf-missing', 'wf-1', 'wf-2'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { workflowId: 'wf-2', outcome: 'SUCCESS', status: 'CANCELLED' },
      { workflowId: 'wf-missing', outcome: 'NOT_FOUND', status: null },
      { workflowId: 'wf-1', outcome: 'SUCCESS', status: 'CANCELLED' },
    ]);
    expect(link.requests.filter((r) => r.type === 'cancel')).toMatchObject([
      { workflow_id: 'wf-2', workflow_ids: ['wf-2', 'wf-1'], cancel_children: false },
    ]);
    const audit = await server.app.get<Database>(DATABASE).prisma.auditEvent.findMany({
      where: { organizationId: org.id, action: 'workflow.bulk_cancel' },
    });
    const mine = audit.filter(
      (e) => (e.details as { applicationId?: string }).applicationId === app.id,
    );
    expect(mine.map((e) => `${e.targetId}:${e.outcome}`).sort()).toEqual([
      'wf-1:SUCCESS',
      'wf-2:SUCCESS',
      'wf-missing:FAILURE',
    ]);
  });

  it('does not repeat a cancel whose executor went silent, and audits the unknown outcome', async () => {
    const { base } = await connectedApp((request) =>
      request.type === 'cancel' ? 'silent' : dbosLike()(request),
    );
    const res = await api('post', `${base}/workflows/wf-1/cancel`, { key: operatorKey });
    expect(res).toMatchObject({ status: 502, body: { code: 'EXECUTOR_NO_ANSWER' } });
    const [entry] = await server.app.get<Database>(DATABASE).prisma.auditEvent.findMany({
      where: { organizationId: org.id, action: 'workflow.cancel', outcome: 'FAILURE' },
      orderBy: { createdAt: 'desc' },
      take: 1,
    });
    expect(entry?.details).toMatchObject({ errorCode: 'EXECUTOR_NO_ANSWER' });
  });
});
