import type { AuditLogEntry } from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { auditApplication, auditTargetHref, readableDetails } from './audit-targets';

const appId = '0190a000-0000-7000-8000-000000000001';
const names = new Map([[appId, 'shop']]);

function entry(
  operation: string,
  type: string,
  id: string | null,
  details: Record<string, unknown> = {},
): AuditLogEntry {
  return {
    id: '0190a000-0000-7000-8000-0000000000ff',
    emitTime: '2026-12-04T12:00:00.000Z',
    operation,
    status: 'success',
    subject: null,
    target: { type, id },
    sourceIp: '',
    details,
  };
}

describe('auditTargetHref', () => {
  it('links each target to its page, in its application', () => {
    const href = (e: AuditLogEntry) => auditTargetHref('acme', e, names);
    expect(href(entry('workflow.cancel', 'workflow', 'wf 1', { applicationId: appId }))).toBe(
      '/orgs/acme/apps/shop/workflows/wf%201',
    );
    expect(href(entry('executor.recover', 'executor', 'e1', { applicationId: appId }))).toBe(
      '/orgs/acme/apps/shop/executors',
    );
    expect(href(entry('application.update', 'application', 'shop'))).toBe('/orgs/acme/apps/shop');
    expect(href(entry('token.revoke', 'token', 'k1'))).toBe('/orgs/acme/keys');
    expect(href(entry('role.create', 'role', 'auditors'))).toBe('/orgs/acme/members');
    expect(href(entry('member.remove', 'member', 'u1'))).toBe('/orgs/acme/members');
    expect(href(entry('organization.create', 'organization', 'o1'))).toBe('/orgs/acme');
  });

  it('links nowhere when the target is gone or unknown', () => {
    const href = (e: AuditLogEntry) => auditTargetHref('acme', e, names);
    expect(href(entry('application.delete', 'application', 'shop'))).toBeNull();
    const otherApp = { applicationId: '0190a000-0000-7000-8000-000000000002' };
    expect(href(entry('workflow.cancel', 'workflow', 'wf', otherApp))).toBeNull();
    expect(href(entry('thing.do', 'thing', 'x'))).toBeNull();
  });
});

describe('application names', () => {
  it('names the application of an entry, and in its details', () => {
    const cancel = entry('workflow.cancel', 'workflow', 'wf', { applicationId: appId, z: 1, a: 2 });
    expect(auditApplication(cancel, names)).toBe('shop');
    expect(Object.entries(readableDetails(cancel.details, names))).toEqual([
      ['application', 'shop'],
      ['a', 2],
      ['z', 1],
    ]);
    expect(readableDetails({ applicationId: 'gone-id' }, names)).toEqual({
      application: 'gone-id (deleted)',
    });
  });
});
