import { randomUUID } from 'node:crypto';
import type { Database } from '@podium/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_BACKENDS, useDatabase } from '../../../test/support/database-backends';
import { AuditRepository } from './audit.repository';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 12, minute));

// A subject given as an id matches an entry by its user, its API key or its shown name; those
// three readings are read apart and merged. Pages, ties and an entry matching twice, on both
// databases the control plane runs on.
describe.each(DATABASE_BACKENDS)('the audit log by subject id on %s', (_name, makeDatabase) => {
  const database = useDatabase(makeDatabase);
  let db: Database;
  let audit: AuditRepository;
  let orgId: string;
  const subject = randomUUID();
  /** The entries matching `subject` in the organization, newest first (time, then id). */
  let expected: string[] = [];

  beforeAll(async () => {
    db = database();
    audit = new AuditRepository(db);
    const [org, other] = await Promise.all(
      ['acme', 'evil'].map((name) =>
        db.prisma.organization.create({ data: { name, displayName: name } }),
      ),
    );
    orgId = org!.id;
    const entry = (
      minute: number,
      by: { actorUserId?: string; actorApiKeyId?: string; subjectDisplay?: string },
      organizationId = orgId,
    ) => ({
      id: randomUUID(),
      organizationId,
      action: 'workflow.cancel',
      targetType: 'workflow',
      targetId: `wf-${minute}`,
      outcome: 'SUCCESS' as const,
      createdAt: at(minute),
      ...by,
    });
    const matching = [
      entry(1, { actorUserId: subject }),
      entry(2, { subjectDisplay: subject }),
      entry(3, { actorApiKeyId: subject }),
      entry(4, { actorUserId: subject, subjectDisplay: subject }), // matches two readings
      entry(4, { actorApiKeyId: subject }), // the same time: ordered by id
      entry(5, { subjectDisplay: subject }),
      entry(6, { actorUserId: subject }),
    ];
    await db.prisma.auditEvent.createMany({
      data: [
        ...matching,
        entry(7, { actorUserId: randomUUID(), subjectDisplay: 'someone@example.test' }),
        entry(8, { actorUserId: subject }, other!.id),
      ],
    });
    expected = matching
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((e) => e.id);
  });

  it('reads every entry of the subject once, newest first, page after page', async () => {
    const pages = [];
    // Three a page: the two entries of the same time fall on either side of the first break.
    for (let offset = 0; offset < expected.length; offset += 3) {
      pages.push(await audit.findPage(orgId, { subject }, { limit: 3, offset }));
    }
    expect(pages.flatMap((p) => p.items.map((e) => e.id))).toEqual(expected);
    expect(pages.map((p) => p.total)).toEqual(pages.map(() => expected.length));
  });

  it('combines the subject with the other filters', async () => {
    const page = await audit.findPage(
      orgId,
      { subject, since: at(3), until: at(5) },
      { limit: 10, offset: 0 },
    );
    expect(page.items.map((e) => e.targetId)).toEqual(['wf-4', 'wf-4', 'wf-3']);
    expect(page.total).toBe(3);
  });
});
