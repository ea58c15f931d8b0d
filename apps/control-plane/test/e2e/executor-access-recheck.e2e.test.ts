import { randomUUID } from 'node:crypto';
import type { Database } from '@podium/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { ExecutorRegistry } from '../../src/modules/executors/executor-registry';
import { CLOSE_ACCESS_REVOKED } from '../../src/modules/executors/links/executor-links.service';
import { factories } from '../factories';
import { closed, connectExecutor } from './fake-executor';
import { usePostgresControlPlane } from './start';
import { waitUntil } from './wait-until';

/**
 * A revocation or an application's deletion whose announcement a replica missed (Redis pub/sub
 * delivers at most once) still closes that replica's links: each ping interval, every open
 * link's key and application are read again. Here the database changes behind the services'
 * back, so nothing is announced at all.
 */
describe('executor links whose access ended unannounced (PostgreSQL)', () => {
  // The re-check runs each ping interval; a link silent for two is cut, so not much shorter:
  // the executors live in this process, and a stalled one must not lose its link.
  const stack = usePostgresControlPlane({ executors: { pingIntervalMs: 3_000 } });
  let f: ReturnType<typeof factories>;
  let db: Database;

  beforeAll(() => {
    f = factories(stack.server.app);
    db = stack.server.app.get<Database>(DATABASE);
  });

  async function linkedExecutor(organizationId: string, appName: string, applicationId: string) {
    const key = await f.newApiKey(organizationId);
    const executorId = `exec-${randomUUID()}`;
    const result = await connectExecutor(
      `${stack.server.conductorUrl}/websocket/${appName}/${key.secret}`,
      { executor_id: executorId, application_version: 'v1' },
    );
    if (!('ws' in result)) throw new Error(`refused: ${result.refused}`);
    await waitUntil(() =>
      stack.server.app.get(ExecutorRegistry).isLinked(applicationId, executorId),
    );
    return { ws: result.ws, keyId: key.apiKey.id };
  }

  it('closes the links of a key revoked without a word, and leaves the others', async () => {
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    const doomed = await linkedExecutor(org.id, app.name, app.id);
    const kept = await linkedExecutor(org.id, app.name, app.id);
    const closing = closed(doomed.ws);
    await db.prisma.apiKey.update({ where: { id: doomed.keyId }, data: { revokedAt: new Date() } });
    expect(await closing).toBe(CLOSE_ACCESS_REVOKED);
    expect(kept.ws.readyState).toBe(kept.ws.OPEN);
    kept.ws.close();
  });

  it('closes the links of an application deleted without a word', async () => {
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    const linked = await linkedExecutor(org.id, app.name, app.id);
    const closing = closed(linked.ws);
    await db.prisma.application.delete({ where: { id: app.id } });
    expect(await closing).toBe(CLOSE_ACCESS_REVOKED);
  });
});
