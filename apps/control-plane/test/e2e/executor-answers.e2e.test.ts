import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { PAYLOAD_PART_SIZE } from '../../src/modules/workflows/workflow-payloads';
import { factories } from '../factories';
import type { Script } from '../support/link-harness';
import { apiClient } from './api-client';
import { closed } from './fake-executor';
import { linkScriptedApp } from './scripted-app';
import type { ScriptedLink } from './scripted-executor';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { TestBrowser, signUpAndIn } from './test-browser';
import { waitUntil } from './wait-until';

const MAX_FRAME_BYTES = 1024 * 1024;
/** Inputs and outputs one answer may load: a few frames' worth, so a page can pass it. */
const MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;

/** A workflow record as DBOS TS sends it; `Input` only when asked for. */
const record = (id: string, withInput: boolean) => ({
  WorkflowUUID: id,
  Status: 'SUCCESS',
  WorkflowName: 'import',
  CreatedAt: '1767225600000',
  ...(withInput && { Input: `[ '${id}-input' ]` }),
});

/** What executors send back, and what a caller asking for too much or being a viewer sees. */
describe('executor answers: size, paging and disclosure (PostgreSQL, real WebSockets)', () => {
  let server: RunningControlPlane;
  let f: ReturnType<typeof factories>;
  let api: ReturnType<typeof apiClient>;
  let org: { id: string; name: string };
  let key: string;
  const links: ScriptedLink[] = [];

  async function connectedApp(scripts: Script[]) {
    const linked = await linkScriptedApp(
      server,
      org,
      key,
      scripts.map((script) => ({ script })),
    );
    links.push(...linked.links);
    return linked;
  }

  const stack = usePostgresControlPlane({
    executors: { maxFrameBytes: MAX_FRAME_BYTES },
    workflowSearch: { maxPayloadBytes: MAX_PAYLOAD_BYTES },
  });

  beforeAll(async () => {
    server = stack.server;
    f = factories(server.app);
    api = apiClient(server.url);
    org = await f.newOrg();
    key = (await f.newApiKey(org.id)).secret;
  });
  afterAll(async () => {
    for (const link of links) await link.close();
  });

  it('refuses a page of more than 100 workflows with their inputs or outputs', async () => {
    const { base } = await connectedApp([() => ({ output: [] })]);
    const listed = await api('get', `${base}/workflows?loadInput=true&limit=101`, { key });
    expect(listed).toMatchObject({ status: 422, body: { code: 'VALIDATION_FAILED' } });
    expect(listed.body.errors).toEqual([expect.objectContaining({ path: 'limit' })]);
    const searched = await api('post', `${base}/workflows/search`, {
      key,
      body: { loadOutput: true, limit: 500 },
    });
    expect(searched).toMatchObject({ status: 422, body: { code: 'VALIDATION_FAILED' } });
    const plain = await api('get', `${base}/workflows?limit=500`, { key });
    expect(plain.status).toBe(200);
  });

  it('reads a page with inputs in parts: the page without them, then the inputs by id', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `wf-${String(i).padStart(2, '0')}`);
    const {
      base,
      links: [link],
    } = await connectedApp([
      (request) => {
        const body = request.body as { workflow_uuids?: string[]; load_input?: boolean };
        const wanted = body.workflow_uuids ?? ids;
        return { output: wanted.map((id) => record(id, body.load_input === true)) };
      },
    ]);
    const res = await api('get', `${base}/workflows?loadInput=true&limit=60`, { key });
    expect(res.status).toBe(200);
    const items = res.body as unknown as Array<{ workflowId?: string; id?: string; input: string }>;
    expect(items.map((w) => w.input)).toEqual(ids.map((id) => `[ '${id}-input' ]`));

    const bodies = link!.requests.map((r) => r.body as Record<string, unknown>);
    expect(bodies[0]).toMatchObject({ load_input: false, load_output: false, limit: 60 });
    const parts = bodies.slice(1);
    expect(parts).toHaveLength(Math.ceil(60 / PAYLOAD_PART_SIZE));
    for (const part of parts) {
      expect(part.load_input).toBe(true);
      expect((part.workflow_uuids as string[]).length).toBeLessThanOrEqual(PAYLOAD_PART_SIZE);
    }
    expect(parts.flatMap((part) => part.workflow_uuids)).toEqual(ids);
  });

  it('refuses a page whose inputs pass the payload budget, and stops reading them', async () => {
    // 30 KB each: a part of 25 fits in a frame, 70 of them (2.1 MB) pass the 2 MiB budget.
    const bulky = (id: string) => ({ ...record(id, false), Input: 'x'.repeat(30_000) });
    const ids = Array.from({ length: 100 }, (_, i) => `bulky-${i}`);
    const {
      base,
      links: [link],
    } = await connectedApp([
      (request) => {
        const body = request.body as {
          workflow_uuids?: string[];
          load_input?: boolean;
          limit: number;
        };
        const wanted = body.workflow_uuids ?? ids.slice(0, body.limit);
        return { output: wanted.map((id) => (body.load_input ? bulky(id) : record(id, false))) };
      },
    ]);

    const fits = await api('get', `${base}/workflows?loadInput=true&limit=60`, { key });
    expect(fits.status).toBe(200);
    link!.requests.length = 0;
    const tooLarge = await api('get', `${base}/workflows?loadInput=true&limit=100`, { key });
    expect(tooLarge).toMatchObject({
      status: 422,
      body: { code: 'PAYLOADS_TOO_LARGE', maxPayloadBytes: MAX_PAYLOAD_BYTES },
    });
    // The list, then parts until the budget was passed (75 workflows): never the fourth part.
    expect(link!.requests).toHaveLength(1 + 3);
  });

  it('does not pass an answer too large for a frame on to the next executor', async () => {
    // Both would answer alike: they share one system database.
    const huge = () => ({
      output: [{ ...record('big', false), Output: 'x'.repeat(2 * MAX_FRAME_BYTES) }],
    });
    const { app, base, links: pair } = await connectedApp([huge, huge]);
    const closes = pair.map((link) => closed(link.ws).then((code) => code));

    const res = await api('get', `${base}/workflows/big?loadOutput=true`, { key });

    expect(res).toMatchObject({ status: 502, body: { code: 'EXECUTOR_ANSWER_TOO_LARGE' } });
    const asked = pair.filter((link) => link.requests.length > 0);
    expect(asked).toHaveLength(1);
    await expect(Promise.race(closes)).resolves.toBe(1009);
    // The other executor was never asked, and keeps its link.
    const registry = server.app.get(ExecutorRegistry);
    await waitUntil(() => registry.forApplication(app.id).length === 1, 10_000, 'one left');
    expect(pair.find((link) => link.requests.length === 0)?.ws.readyState).toBe(1);
  });

  it("shows an executor's error text to admins only; others get a reference to the log", async () => {
    const secret = 'password authentication failed for user "app" (db.internal:5432)';
    const { base } = await connectedApp([() => ({ error_message: secret })]);

    const viewer = await api('get', `${base}/workflows/any`, { key });
    expect(viewer).toMatchObject({ status: 502, body: { code: 'EXECUTOR_ERROR' } });
    expect(JSON.stringify(viewer.body)).not.toContain('db.internal');
    const reference = viewer.body.reference as string;
    expect(viewer.body.detail).toContain(reference);
    const logged = server.logs.find(
      (line) => line.includes(reference) && line.includes('db.internal'),
    );
    expect(logged).toBeDefined();

    const admin = new TestBrowser(server.url);
    await f.newMember(org.id, (await signUpAndIn(admin)).userId, 'ADMIN');
    const shown = await admin.get(`${base}/workflows/any`);
    expect(shown).toMatchObject({ status: 502, body: { code: 'EXECUTOR_ERROR' } });
    expect((shown.body as { detail: string }).detail).toContain('db.internal:5432');
  });
});
