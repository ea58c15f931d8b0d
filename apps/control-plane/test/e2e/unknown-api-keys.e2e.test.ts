import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { API_KEY_SECRETS } from '../../src/modules/api-keys/api-key-secret';
import { ApiKeysService } from '../../src/modules/api-keys/api-keys.service';
import { factories } from '../factories';
import { closed, connectExecutor } from './fake-executor';
import { scrape } from './prometheus-scrape';
import { type ReplicaSet, startReplicas } from './replicas';
import type { RunningControlPlane } from './start';

const BUDGET = 3;
// Loopback is a trusted proxy in tests: X-Forwarded-For names the client.
const GUESSER = { 'X-Forwarded-For': '198.51.100.7' };
const NEIGHBOUR = { 'X-Forwarded-For': '198.51.100.8' };
const FLEET = { 'X-Forwarded-For': '198.51.100.9' };

/** A well-formed key nobody holds. */
const unknownKey = () => API_KEY_SECRETS.generate().secret;

function upgrade(
  replica: RunningControlPlane,
  appName: string,
  key: string,
  headers: Record<string, string>,
) {
  const info = { executor_id: `exec-${randomUUID()}`, application_version: 'v1' };
  return connectExecutor(`${replica.conductorUrl}/websocket/${appName}/${key}`, info, headers);
}

function listApps(replica: RunningControlPlane, org: string, key: string, headers: object) {
  return fetch(`${replica.url}/v2/orgs/${org}/apps`, {
    headers: { authorization: `Bearer ${key}`, ...headers },
  });
}

describe('API keys that authenticate no one, per client address (PODIUM_UNKNOWN_API_KEYS_PER_MINUTE), across replicas', () => {
  let set: ReplicaSet;

  beforeAll(async () => {
    set = await startReplicas(2, { accounts: { unknownApiKeysPerMinute: BUDGET } });
  });
  afterAll(async () => {
    await set?.close();
  });

  it('counts lookups of keys not known valid on every replica into one budget, then refuses them with 429; keys seen valid pass', async () => {
    const [first, second] = set.replicas as [RunningControlPlane, RunningControlPlane];
    const f = factories(first.app);
    const org = await f.newOrg();
    const app = await f.newApp(org.id);
    const { secret: inUse } = await f.newApiKey(org.id);
    const { secret: unused } = await f.newApiKey(org.id);
    // Seen valid by both replicas (from elsewhere: two of that address's three lookups).
    expect((await listApps(first, org.name, inUse, NEIGHBOUR)).status).toBe(200);
    expect((await listApps(second, org.name, inUse, NEIGHBOUR)).status).toBe(200);

    // Within the budget: each unknown key is looked up and refused as unknown.
    await expect(upgrade(first, app.name, unknownKey(), GUESSER)).resolves.toMatchObject({
      refused: 401,
    });
    expect((await listApps(second, org.name, unknownKey(), GUESSER)).status).toBe(401);
    await expect(upgrade(second, app.name, unknownKey(), GUESSER)).resolves.toMatchObject({
      refused: 401,
    });

    // Past it, on either replica, over HTTP or an upgrade: refused before any lookup.
    const http = await listApps(first, org.name, unknownKey(), GUESSER);
    expect(http.status).toBe(429);
    expect(Number(http.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await http.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    const refused = await upgrade(second, app.name, unknownKey(), GUESSER);
    expect(refused).toMatchObject({ refused: 429 });
    if ('body' in refused) {
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(refused.body)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    }
    // So is a real key neither replica has seen valid; one they have passes, from there too.
    await expect(upgrade(first, app.name, unused, GUESSER)).resolves.toMatchObject({
      refused: 429,
    });
    expect((await listApps(first, org.name, inUse, GUESSER)).status).toBe(200);
    const linked = await upgrade(second, app.name, inUse, GUESSER);
    expect(linked).toHaveProperty('ws');
    // Still so past its one-second cache, and as long as it is used: known ten minutes from
    // its latest use (the guesser's budget, on the replicas' real clock, stays spent).
    const keys = first.app.get(ApiKeysService);
    for (const minutes of [0.1, 9, 18]) {
      const later = new Date(Date.now() + minutes * 60_000);
      await expect(keys.authenticate(inUse, '198.51.100.7', later)).resolves.toMatchObject({
        organizationId: org.id,
      });
    }
    const metrics = await scrape(`${first.url}/metrics`);
    expect(
      metrics.value('podium_refusals_total', { reason: 'api_key_rate_limited' }),
    ).toBeGreaterThanOrEqual(1);

    // Another address has a budget of its own (one lookup left).
    await expect(upgrade(first, app.name, unknownKey(), NEIGHBOUR)).resolves.toMatchObject({
      refused: 401,
    });
    // A fleet behind one address dialing at once with a key not seen yet costs one place.
    const { secret: fleetKey } = await f.newApiKey(org.id);
    const fleet = await Promise.all(
      Array.from({ length: 10 }, () => upgrade(second, app.name, fleetKey, FLEET)),
    );
    expect(fleet.filter((attempt) => 'ws' in attempt)).toHaveLength(10);
    for (let i = 0; i < BUDGET - 1; i++) {
      await expect(upgrade(second, app.name, unknownKey(), FLEET)).resolves.toMatchObject({
        refused: 401,
      });
    }
    await expect(upgrade(second, app.name, unknownKey(), FLEET)).resolves.toMatchObject({
      refused: 429,
    });
    await Promise.all(
      fleet.map((attempt) => {
        const socket = (attempt as { ws: WebSocket }).ws;
        const gone = closed(socket);
        socket.close();
        return gone;
      }),
    );
    const ws = (linked as { ws: WebSocket }).ws;
    const done = closed(ws);
    ws.close();
    await done;
  });
});
