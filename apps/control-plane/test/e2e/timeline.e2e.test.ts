import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import {
  AlertingRuleSchema,
  CreateApiKeyResponseSchema,
  TimelineResponseSchema,
  type TimelineEvent,
  type TimelineEventKind,
} from '@podium/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbosExecutorProcess, startDbosExecutor } from './dbos-executor';
import { setUpOwnedApp } from './owned-app';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { TestBrowser, bodyOf, signUpAndIn } from './test-browser';
import { waitUntil } from './wait-until';

/**
 * The incident timeline on real parts: a control plane on PostgreSQL, two real DBOS 5.2.11
 * executors. One is killed: it disconnects, is declared dead after the grace period, its
 * (absent) work is recovered by the other; an ExecutorDied rule fires and resolves. The
 * timeline must tell that story in order, filter it, and keep it to its organization.
 */
describe('the incident timeline (DBOS 5.2.11 executors)', () => {
  let dbosSystemDb: ScratchDatabase;
  let server: RunningControlPlane;
  let owner: TestBrowser;
  let orgName: string;
  let appName: string;
  let base: string;
  let ruleId: string;
  let killed: DbosExecutorProcess | undefined;
  let survivor: DbosExecutorProcess | undefined;
  let killedId: string;
  let story: TimelineEvent[];

  const timeline = async (path: string, browser = owner) =>
    bodyOf(await browser.get(path), TimelineResponseSchema);
  const find = (events: TimelineEvent[], kind: TimelineEventKind, targetId?: string) =>
    events.find((e) => e.kind === kind && (targetId === undefined || e.target.id === targetId));

  const stack = usePostgresControlPlane({ alerts: { evaluationMs: 200, webhookRetryBaseMs: 50 } });

  beforeAll(async () => {
    dbosSystemDb = await createScratchDatabase({ create: false }); // DBOS creates its own
    server = stack.server;
    const owned = await setUpOwnedApp(server.url, {
      orgPrefix: 'timeline',
      app: { name: 'incidents', executorTimeoutSecs: 5 },
      permissions: ['websocket.connect'],
    });
    ({ owner, orgName, base } = owned);
    appName = owned.app.name;
    // An operator action, audited: the rule that will fire.
    ruleId = bodyOf(
      await owner.post(`${base}/alerting-rules`, { ruleType: 'ExecutorDied', ruleMetadata: {} }),
      AlertingRuleSchema,
      201,
    ).id;
    const start = () =>
      startDbosExecutor({
        appName,
        conductorUrl: server.conductorUrl,
        apiKey: owned.apiKey,
        systemDatabaseUrl: dbosSystemDb.url,
      });
    killed = await start();
    // Its id, as the timeline tells it (the one executor connected so far).
    killedId = await waitUntil(
      async () =>
        find(await timeline(`${base}/timeline?kinds=executor.connected`), 'executor.connected')
          ?.target.id,
      10_000,
      'the first executor on the timeline',
    );
    survivor = await start();
  }, 180_000);

  afterAll(async () => {
    killed?.child.kill('SIGKILL');
    await survivor?.stop();
    await dbosSystemDb?.drop();
  });

  it('tells a killed executor’s story in order: connected, disconnected, dead, alert fired, recovered, alert resolved', async () => {
    killed?.child.kill('SIGKILL');
    story = await waitUntil(
      async () => {
        const events = await timeline(`${base}/timeline`);
        return find(events, 'alert.resolved', ruleId) && find(events, 'executor.recovered')
          ? events
          : null;
      },
      60_000,
      'the ExecutorDied alert to resolve on the timeline',
    );
    const at = (kind: TimelineEventKind, id?: string) => {
      const event = find(story, kind, id);
      expect(event, `${kind} ${id ?? ''}`).toBeDefined();
      return Date.parse(event!.at);
    };
    // Newest first throughout.
    const times = story.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(story.every((e) => e.application === appName)).toBe(true);

    expect(at('executor.connected', killedId)).toBeLessThanOrEqual(
      at('executor.disconnected', killedId),
    );
    expect(at('executor.disconnected', killedId)).toBeLessThan(at('executor.dead', killedId));
    expect(at('executor.dead', killedId)).toBeLessThanOrEqual(at('alert.fired', ruleId));
    expect(at('executor.dead', killedId)).toBeLessThanOrEqual(at('executor.recovered', killedId));
    expect(at('alert.fired', ruleId)).toBeLessThanOrEqual(at('alert.resolved', ruleId));

    expect(find(story, 'alert.fired', ruleId)).toMatchObject({
      target: { type: 'alert_rule', id: ruleId },
      details: { ruleType: 'ExecutorDied', notified: true },
      summary: expect.stringContaining(killedId) as string,
    });
    expect(find(story, 'executor.dead', killedId)).toMatchObject({
      target: { type: 'executor', id: killedId },
    });
    // Both executors run one version: it appeared once, with the first of them.
    const versions = story.filter((e) => e.kind === 'version.appeared');
    expect(versions).toHaveLength(1);
    expect(Date.parse(versions[0]!.at)).toBeLessThanOrEqual(at('executor.connected', killedId));
    // The operator's action, from the audit log, before all of it.
    const created = story.find((e) => e.kind === 'audit');
    expect(created).toMatchObject({
      details: { action: 'alerting_rule.create', outcome: 'SUCCESS' },
      target: { type: 'audit_entry' },
    });
    expect(Date.parse(created!.at)).toBeLessThanOrEqual(Date.parse(versions[0]!.at));
  });

  it('filters by kind and by time range, and pages with limit and offset', async () => {
    const dead = await timeline(`${base}/timeline?kinds=executor.dead`);
    expect(dead.map((e) => [e.kind, e.target.id])).toEqual([['executor.dead', killedId]]);
    const alerts = await timeline(`${base}/timeline?kinds=alert.fired&kinds=alert.resolved`);
    expect(alerts.map((e) => e.kind)).toEqual(['alert.resolved', 'alert.fired']);

    // [dead, resolved]: the window holds what happened from the death until the resolution.
    const deadAt = find(story, 'executor.dead', killedId)!.at;
    const resolvedAt = find(story, 'alert.resolved', ruleId)!.at;
    const end = new Date(Date.parse(resolvedAt) + 1).toISOString();
    const windowed = await timeline(`${base}/timeline?startTime=${deadAt}&endTime=${end}`);
    expect(windowed.length).toBeGreaterThanOrEqual(3);
    expect(windowed.every((e) => e.at >= deadAt && e.at < end)).toBe(true);
    expect(windowed.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['executor.dead', 'alert.fired', 'alert.resolved']),
    );
    expect(find(windowed, 'executor.connected')).toBeUndefined();

    const all = await timeline(`${base}/timeline`);
    const page2 = await timeline(`${base}/timeline?limit=2&offset=2`);
    expect(page2).toEqual(all.slice(2, 4));
  });

  it('shows the organization’s timeline, keeps audit entries to admins, and refuses bad queries', async () => {
    const org = await timeline(`/v2/orgs/${orgName}/timeline`);
    expect(find(org, 'executor.dead', killedId)).toMatchObject({ application: appName });
    expect(find(org, 'audit')).toBeDefined();

    // A key that reads workflows sees the application's timeline, but not the audit log.
    const { token: secret } = bodyOf(
      await owner.post(`/v2/orgs/${orgName}/tokens`, {
        name: 'reader',
        permissions: ['application.read'],
      }),
      CreateApiKeyResponseSchema,
      201,
    );
    const seenBy = async (token: string) => {
      const response = await fetch(`${server.url}${base}/timeline`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      return TimelineResponseSchema.parse(await response.json());
    };
    const seenByKey = await seenBy(secret);
    expect(find(seenByKey, 'executor.dead', killedId)).toBeDefined();
    expect(find(seenByKey, 'audit')).toBeUndefined();
    // Nor one that also holds `organization.read`: no key reads the audit log.
    const { token: orgReader } = bodyOf(
      await owner.post(`/v2/orgs/${orgName}/tokens`, {
        name: 'org-reader',
        permissions: ['organization.read', 'application.read'],
      }),
      CreateApiKeyResponseSchema,
      201,
    );
    expect(find(await seenBy(orgReader), 'audit')).toBeUndefined();

    for (const query of [
      'kinds=executor.exploded',
      'limit=0',
      'limit=501',
      'offset=-1',
      'startTime=yesterday',
      'startTime=2026-01-02T00:00:00Z&endTime=2026-01-01T00:00:00Z',
      'colour=red',
    ]) {
      const refused = await owner.get(`${base}/timeline?${query}`);
      expect(refused.status, query).toBe(422);
    }
  });

  it('is 404 to another organization, whose own timeline has none of it', async () => {
    const outsider = new TestBrowser(server.url);
    await signUpAndIn(outsider);
    expect((await outsider.get(`${base}/timeline`)).status).toBe(404);
    expect((await outsider.get(`/v2/orgs/${orgName}/timeline`)).status).toBe(404);
    const elsewhere = await setUpOwnedApp(server.url, {
      orgPrefix: 'timeline-other',
      app: { name: appName },
      permissions: ['websocket.connect'],
    });
    const theirs = await timeline(`/v2/orgs/${elsewhere.orgName}/timeline`, elsewhere.owner);
    expect(theirs.every((e) => e.kind === 'audit')).toBe(true);
    expect(find(theirs, 'executor.connected')).toBeUndefined();
    expect(await timeline(`${elsewhere.base}/timeline`, elsewhere.owner)).toEqual(
      theirs.filter((e) => e.application === appName),
    );
  });
});
